import { readFileSync } from 'node:fs';
import { DTYPES, type DType, fromNpy, npyDescr, Tensor, toNpy } from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';

const fixture = new Uint8Array(
  readFileSync(new URL('../fixtures/aws/sagemaker/x_test.npy', import.meta.url)),
);

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Builds a .npy file by hand, for headers numpy itself would not write. */
function npyFile(header: string, data: Uint8Array, major = 1): Uint8Array {
  const encoded = new TextEncoder().encode(header);
  const prefix = major === 1 ? 10 : 12;
  const out = new Uint8Array(prefix + encoded.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, encoded.length, true);
  else view.setUint32(8, encoded.length, true);
  out.set(encoded, prefix);
  out.set(data, prefix + encoded.length);
  return out;
}

/** Deterministic PRNG (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTensor(dtype: DType, shape: number[], next: () => number): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values: unknown[] = [];
  for (let i = 0; i < size; i++) {
    const u = next();
    switch (dtype) {
      case 'float16':
      case 'float32':
      case 'float64':
        values.push((u - 0.5) * 1e4);
        break;
      case 'bool':
        values.push(u < 0.5);
        break;
      case 'int64':
        values.push(BigInt(Math.floor((u - 0.5) * 2 ** 53)) * 1024n);
        break;
      case 'uint64':
        values.push(BigInt(Math.floor(u * 2 ** 53)) * 2048n + 2047n);
        break;
      default: {
        const bits = Number(dtype.replace(/\D/g, ''));
        const signed = dtype.startsWith('int');
        const span = 2 ** bits;
        values.push(Math.floor(u * span) - (signed ? span / 2 : 0));
      }
    }
  }
  return Tensor.from(values as never, { dtype, shape });
}

describe('fromNpy: the SageMaker SDK fixture x_test.npy', () => {
  it('has a v1.0 header with fortran_order True, (302, 8) and <f8', () => {
    expect(fixture.length).toBe(19456);
    expect(ascii(fixture.subarray(0, 6))).toBe('\x93NUMPY');
    expect([fixture[6], fixture[7]]).toEqual([1, 0]);
    expect((fixture[8] as number) | ((fixture[9] as number) << 8)).toBe(118);
    const header = ascii(fixture.subarray(10, 128));
    expect(header.trimEnd()).toBe("{'descr': '<f8', 'fortran_order': True, 'shape': (302, 8), }");
    expect(header.endsWith(' \n')).toBe(true);
    expect(128 + 302 * 8 * 8).toBe(19456);
  });

  it('decodes to a C-order float64 [302, 8] tensor with the values numpy reads', () => {
    const x = fromNpy(fixture);
    expect(x.dtype).toBe('float64');
    expect(x.shape).toEqual([302, 8]);
    // Values from numpy 2.4.6: np.load('x_test.npy')[i, j].
    expect(x.row(0).toArray()).toEqual([
      1.3856868352639158, -0.7190751981656295, -0.6867817394229447, 1.5598342920067585,
      -2.202237229005423, 0.398723979183554, -1.033679423556903, -0.9868415319342445,
    ]);
    expect(x.data[1 * 8 + 0]).toBe(-2.4900485099684997);
    expect(x.data[150 * 8 + 3]).toBe(0.8351112824897723);
    expect(x.data[301 * 8 + 7]).toBe(-0.9868415319342445);
    // The features are standardised: every column sums to ~0 only if the transpose is right.
    for (let col = 0; col < 8; col++) {
      let sum = 0;
      for (let row = 0; row < 302; row++) sum += x.data[row * 8 + col] as number;
      expect(Math.abs(sum)).toBeLessThan(1e-9);
    }
  });

  it('re-encodes as C order, and decodes back to the same values', () => {
    const x = fromNpy(fixture);
    const bytes = toNpy(x);
    expect(bytes.length).toBe(fixture.length);
    expect(ascii(bytes.subarray(10, 128)).trimEnd()).toBe(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (302, 8), }",
    );
    expect(fromNpy(bytes).data).toEqual(x.data);
  });
});

describe('toNpy writes what numpy.save writes', () => {
  it('matches np.save(np.arange(6, dtype=np.float32).reshape(2, 3)) byte for byte', () => {
    const bytes = toNpy(Tensor.from(new Float32Array([0, 1, 2, 3, 4, 5]), { shape: [2, 3] }));
    // 10-byte prefix + 59-char dict + 20 growth spaces (21 - len('2')) + 38 pad spaces + '\n'
    // = 128, a multiple of 64; header length 118 = 0x76.
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    expect(dict.length).toBe(59);
    const expected = [
      0x93,
      ...new TextEncoder().encode('NUMPY'),
      0x01,
      0x00,
      0x76,
      0x00,
      ...new TextEncoder().encode(`${dict}${' '.repeat(58)}\n`),
      // float32 0..5 little-endian, as numpy wrote it: 00000000 0000803f 00000040 ...
      ...[
        0, 0, 0, 0, 0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x40, 0, 0, 0xa0,
        0x40,
      ],
    ];
    expect(Array.from(bytes)).toEqual(expected);
  });

  it('writes () for scalars (no growth room), (3,) for 1-d, and |b1 / |u1 / |i1', () => {
    const scalar = toNpy(Tensor.from(new Int32Array([7]), { shape: [] }));
    expect(scalar.length).toBe(132);
    expect(ascii(scalar.subarray(10, 128))).toBe(
      `{'descr': '<i4', 'fortran_order': False, 'shape': (), }${' '.repeat(62)}\n`,
    );
    expect(Array.from(scalar.subarray(128))).toEqual([7, 0, 0, 0]);
    const flags = toNpy(Tensor.from([true, false, true]));
    expect(ascii(flags.subarray(10, 128))).toBe(
      `{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }${' '.repeat(60)}\n`,
    );
    expect(Array.from(flags.subarray(128))).toEqual([1, 0, 1]);
    expect(npyDescr('uint8')).toBe('|u1');
    expect(npyDescr('int8')).toBe('|i1');
    expect(npyDescr('float16')).toBe('<f2');
    expect(npyDescr('uint64')).toBe('<u8');
  });

  it('adds a full 64 bytes of padding when the header is already aligned, like numpy', () => {
    // np.save of np.zeros((1,) * 36, np.float32): header + growth is 181 chars, 10 + 181 + 1 = 192.
    const bytes = toNpy(Tensor.zeros('float32', new Array(36).fill(1)));
    expect((bytes[8] as number) | ((bytes[9] as number) << 8)).toBe(246);
    expect(bytes.length).toBe(256 + 4);
    expect(bytes[255]).toBe(0x0a);
  });

  it('switches to format 2.0 when the header exceeds 65535 bytes', () => {
    const shape = new Array(22000).fill(1);
    const bytes = toNpy(Tensor.zeros('uint8', shape));
    expect([bytes[6], bytes[7]]).toEqual([2, 0]);
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    expect((12 + headerLength) % 64).toBe(0);
    const back = fromNpy(bytes);
    expect(back.rank).toBe(22000);
  });

  it('copies the data exactly once, into the output buffer', () => {
    const t = Tensor.from(new Float64Array([1.5, -2.5]));
    const bytes = toNpy(t);
    expect(bytes.buffer).not.toBe(t.data.buffer);
    expect(new Float64Array(bytes.buffer.slice(128))).toEqual(new Float64Array([1.5, -2.5]));
  });
});

describe('npy round trips', () => {
  it('round-trips random tensors of every dtype and several shapes', () => {
    const next = random(42);
    const shapes = [[], [0], [7], [3, 5], [2, 3, 4], [4, 0, 2]];
    for (const dtype of DTYPES) {
      for (const shape of shapes) {
        const t = randomTensor(dtype, shape, next);
        const bytes = toNpy(t);
        expect((bytes.length - t.data.byteLength) % 64).toBe(0);
        const back = fromNpy(bytes);
        expect(back.dtype).toBe(dtype);
        expect(back.shape).toEqual(shape);
        expect(back.data).toEqual(t.data);
      }
    }
  });

  it('returns a view of the input when aligned, or a copy when asked', () => {
    const bytes = toNpy(Tensor.from(new Float32Array([1, 2, 3])));
    const view = fromNpy(bytes);
    expect(view.data.buffer).toBe(bytes.buffer);
    const copy = fromNpy(bytes, { copy: true });
    expect(copy.data.buffer).not.toBe(bytes.buffer);
    // Misaligned input (odd byteOffset) is copied rather than failing.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(fromNpy(shifted.subarray(1)).toArray()).toEqual([1, 2, 3]);
  });
});

describe('fromNpy: other writers', () => {
  it('converts big-endian data to native order', () => {
    // np.save(np.array([[1.0, 2.0], [3.0, 4.0]], dtype='>f8'))
    const data = new Uint8Array(32);
    const view = new DataView(data.buffer);
    for (let i = 0; i < 4; i++) view.setFloat64(i * 8, i + 1, false);
    const file = npyFile("{'descr': '>f8', 'fortran_order': False, 'shape': (2, 2), }\n", data);
    const t = fromNpy(file);
    expect(t.dtype).toBe('float64');
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('transposes Fortran-order data of rank 3, big-endian ints included', () => {
    // C-order value v[i][j][k] = 100i + 10j + k stored column-major (i fastest).
    const shape = [2, 3, 4];
    const data = new Uint8Array(24 * 4);
    const view = new DataView(data.buffer);
    let offset = 0;
    for (let k = 0; k < 4; k++)
      for (let j = 0; j < 3; j++)
        for (let i = 0; i < 2; i++) {
          view.setInt32(offset, 100 * i + 10 * j + k, false);
          offset += 4;
        }
    const file = npyFile(
      `{'descr': '>i4', 'fortran_order': True, 'shape': (${shape.join(', ')}), }\n`,
      data,
    );
    const t = fromNpy(file);
    expect(t.dtype).toBe('int32');
    expect(t.shape).toEqual(shape);
    expect(t.toArray()).toEqual([
      [
        [0, 1, 2, 3],
        [10, 11, 12, 13],
        [20, 21, 22, 23],
      ],
      [
        [100, 101, 102, 103],
        [110, 111, 112, 113],
        [120, 121, 122, 123],
      ],
    ]);
  });

  it('reads v2 and v3 (UTF-8) headers, any key order and padding, and old 3L longs', () => {
    const data = new Uint8Array(new Uint16Array([1, 2, 3]).buffer);
    const v2 = npyFile('{"shape": (3L,), "fortran_order": False, "descr": "<u2"}   \n', data, 2);
    expect(fromNpy(v2).toArray()).toEqual([1, 2, 3]);
    const v3 = npyFile("{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }\n", data, 3);
    expect(fromNpy(v3).dtype).toBe('int16');
  });

  it('names unsupported descriptors', () => {
    const header = (descr: string) =>
      npyFile(
        `{'descr': '${descr}', 'fortran_order': False, 'shape': (1,), }\n`,
        new Uint8Array(40),
      );
    expect(() => fromNpy(header('<U10'))).toThrow(ValidationError);
    expect(() => fromNpy(header('<U10'))).toThrow("unsupported .npy dtype descriptor '<U10'");
    expect(() => fromNpy(header('|O'))).toThrow("unsupported .npy dtype descriptor '|O'");
    expect(() => fromNpy(header('<c16'))).toThrow("'<c16'");
    const structured = npyFile(
      "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }\n",
      new Uint8Array(4),
    );
    expect(() => fromNpy(structured)).toThrow('structured');
  });

  it('rejects non-npy input, bad versions, malformed headers and truncated data', () => {
    expect(() => fromNpy(new TextEncoder().encode('{"instances": []}'))).toThrow('magic string');
    const bad = toNpy(Tensor.from([1]));
    bad[6] = 4;
    expect(() => fromNpy(bad)).toThrow('unsupported .npy format version 4.0');
    expect(() => fromNpy(npyFile("{'descr': '<f4', 'shape': (1,)}\n", new Uint8Array(4)))).toThrow(
      'malformed .npy header',
    );
    const full = toNpy(Tensor.from(new Float32Array([1, 2, 3])));
    expect(() => fromNpy(full.subarray(0, full.length - 1))).toThrow(
      'truncated .npy data: shape [3] of <f4 needs 12 bytes, got 11',
    );
  });
});
