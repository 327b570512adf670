import {
  fromCsv,
  fromJson,
  fromJsonLines,
  Tensor,
  toCsv,
  toJson,
  toJsonLines,
} from 'aws-ai/tensor';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';

// Expected strings below were produced by numpy 2.4.6 / CPython with the SageMaker SDK serializer
// logic: json.dumps(x.tolist()) and csv.writer rows joined by '\n'.

describe('toJson', () => {
  it('matches json.dumps(x.tolist()) for float64, including 1e-05, 1e+16 and -0.0', () => {
    const x = Tensor.from(
      [
        [0.1, 1e-5],
        [1e16, -0],
      ],
      { dtype: 'float64' },
    );
    expect(toJson(x)).toBe('[[0.1, 1e-05], [1e+16, -0.0]]');
  });

  it('widens float32 to float64 like tolist(), under a key', () => {
    const x = Tensor.from(
      [
        [0.1, 1e-5],
        [1e16, 2],
      ],
      { dtype: 'float32' },
    );
    expect(toJson(x, { key: 'instances' })).toBe(
      '{"instances": [[0.10000000149011612, 9.999999747378752e-06], [1.0000000272564224e+16, 2.0]]}',
    );
  });

  it('writes float16, integers, 64-bit integers and booleans like Python', () => {
    expect(toJson(Tensor.from([0.1, 65504], { dtype: 'float16' }))).toBe(
      '[0.0999755859375, 65504.0]',
    );
    expect(toJson(Tensor.from([[1, 2]], { dtype: 'int64' }))).toBe('[[1, 2]]');
    expect(toJson(Tensor.from([2n ** 63n - 1n]))).toBe('[9223372036854775807]');
    expect(toJson(Tensor.from([true, false]), { key: 'inputs' })).toBe('{"inputs": [true, false]}');
    expect(toJson(Tensor.from(2.5))).toBe('2.5');
    expect(toJson(Tensor.zeros('float32', [2, 0]))).toBe('[[], []]');
  });

  it('has a compact style matching JSON.stringify', () => {
    const values = [
      [1, 0.5, 1e-7],
      [1e21, -3, 123.25],
    ];
    const x = Tensor.from(values, { dtype: 'float64' });
    expect(toJson(x, { style: 'compact' })).toBe(JSON.stringify(values));
    expect(toJson(x, { style: 'compact', key: 'instances' })).toBe(
      JSON.stringify({ instances: values }),
    );
  });

  it('rejects NaN and Infinity with their position', () => {
    const x = Tensor.from(
      [
        [1, 2],
        [3, Number.NaN],
      ],
      { dtype: 'float64' },
    );
    expect(() => toJson(x)).toThrow(ValidationError);
    expect(() => toJson(x)).toThrow('NaN at index [1, 1] cannot be encoded as JSON');
    const inf = Tensor.from([0, Number.NEGATIVE_INFINITY]);
    expect(() => toJsonLines(inf.reshape([2, 1]))).toThrow('-Infinity at index [1, 0]');
    expect(() => toJson(Tensor.from([0x7c00], { dtype: 'uint16' }))).not.toThrow();
    expect(() => toJson(Tensor.from(new Uint16Array([0x7c00]), { dtype: 'float16' }))).toThrow(
      'Infinity at index [0]',
    );
  });

  it('round-trips through fromJson exactly', () => {
    const values = [
      [0.1, -2.5e-300, 1e16],
      [Number.MAX_VALUE, -0, 5e-324],
    ];
    const x = Tensor.from(values, { dtype: 'float64' });
    expect(fromJson(toJson(x)).toArray()).toEqual(values);
    expect(fromJson(toJson(x, { style: 'compact' })).data).toEqual(x.data);
  });
});

describe('fromJson', () => {
  it('reads bare arrays and bytes, defaulting numbers to float64', () => {
    const t = fromJson(new TextEncoder().encode('[[1, 2.5], [3, 4]]'));
    expect(t.dtype).toBe('float64');
    expect(t.shape).toEqual([2, 2]);
    expect(t.toArray()).toEqual([
      [1, 2.5],
      [3, 4],
    ]);
  });

  it('unwraps predictions / instances / a named key', () => {
    // The real TF Serving response captured in the SDK's data-capture fixture.
    expect(fromJson('{"predictions": [3.5, 4.0, 5.5]}').toArray()).toEqual([3.5, 4, 5.5]);
    expect(fromJson('{"instances": [1.0, 2.0, 5.0]}').toArray()).toEqual([1, 2, 5]);
    expect(fromJson('{"model": "x", "predictions": [[1]]}').shape).toEqual([1, 1]);
    expect(
      fromJson('{"scores": [0.25], "labels": [1]}', { key: 'scores', dtype: 'float32' }).dtype,
    ).toBe('float32');
    expect(() => fromJson('{"a": [1], "b": [2]}')).toThrow(
      'JSON body is an object without an array key; its keys are a, b',
    );
    expect(() => fromJson('{"a": [1]}', { key: 'b' })).toThrow("without key 'b'");
  });

  it('reports invalid JSON, ragged arrays and nulls', () => {
    expect(() => fromJson('[1, 2')).toThrow('JSON body is not valid JSON');
    expect(() => fromJson('[[1, 2], [3]]')).toThrow('ragged nested array at axis 1');
    expect(() => fromJson('[[1, null]]')).toThrow(
      'null at index [0, 1] is not a number, boolean or bigint',
    );
    expect(() => fromJson('[[1, null]]', { dtype: 'float32' })).toThrow(
      'null at index [0, 1] cannot be stored as float32',
    );
    expect(fromJson('[[true, false]]').dtype).toBe('bool');
  });

  it('names a string element by its length, never quoting the payload', () => {
    const body = '[[0.5, "Jane Roe, MRN 123"]]';
    for (const read of [() => fromJson(body), () => fromJson(body, { dtype: 'float32' })]) {
      const err = (() => {
        try {
          read();
        } catch (e) {
          return e as Error;
        }
        throw new Error('expected a ValidationError');
      })();
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toContain('a string of 17 characters at index [0, 1]');
      expect(err.message).not.toContain('Jane');
    }
    expect(fromJson('[1, 2, 3, 4]', { dtype: 'int32', shape: [2, 2] }).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('JSON Lines', () => {
  it('writes one Python-style line per row, joined by \\n with no trailing newline', () => {
    const x = Tensor.from(
      [
        [1, 2],
        [3, 4.5],
      ],
      { dtype: 'float64' },
    );
    expect(toJsonLines(x)).toBe('[1.0, 2.0]\n[3.0, 4.5]');
    expect(toJsonLines(x, { key: 'features' })).toBe(
      '{"features": [1.0, 2.0]}\n{"features": [3.0, 4.5]}',
    );
    expect(toJsonLines(Tensor.from([1, 2], { dtype: 'int32' }))).toBe('1\n2');
    expect(() => toJsonLines(Tensor.from(1))).toThrow(ValidationError);
  });

  it('reads lines back, stripping trailing whitespace and unwrapping objects', () => {
    const t = fromJsonLines('{"features": [1.0, 2.0]}\n{"features": [3.0, 4.5]}\n\n');
    expect(t.shape).toEqual([2, 2]);
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4.5],
    ]);
    expect(fromJsonLines('[1, 2]\r\n[3, 4]\r\n').toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => fromJsonLines('[1, 2]\n[3, 4')).toThrow('JSON line 2 is not valid JSON');
    expect(() => fromJsonLines('[1, 2]\n[3]')).toThrow('ragged nested array at axis 1');
    expect(() => fromJsonLines('  \n')).toThrow('JSON Lines body has no rows');
  });
});

describe('toCsv', () => {
  it('matches the SDK CSVSerializer for float64', () => {
    const x = Tensor.from(
      [
        [1, 0.1, 1e-5],
        [1e16, -0, 123456.789],
      ],
      { dtype: 'float64' },
    );
    expect(toCsv(x)).toBe('1.0,0.1,1e-05\n1e+16,-0.0,123456.789');
  });

  it('prints float32 and float16 at their own precision, with numpy thresholds', () => {
    const f32 = Tensor.from(
      [
        [1, 0.1, 1e-4],
        [1e6, 65504, 2.345678],
      ],
      { dtype: 'float32' },
    );
    expect(toCsv(f32)).toBe('1.0,0.1,1e-04\n1e+06,65504.0,2.345678');
    const f16 = Tensor.from(
      [
        [1, 0.1, 1e-4],
        [1000, 65504, 2.345678],
      ],
      { dtype: 'float16' },
    );
    expect(toCsv(f16)).toBe('1.0,0.1,0.0001\n1e+03,6.55e+04,2.346');
    // Exact decimal ties round to even as numpy's Dragon4 does (JS would print 39040.563).
    expect(toCsv(Tensor.from([39040.5625], { dtype: 'float32' }))).toBe('39040.562');
    // Just above a power of two (float32 2^-96) the shortest string is the next decimal up.
    expect(toCsv(Tensor.from([2 ** -96], { dtype: 'float32' }))).toBe('1.2621775e-29');
  });

  it('flattens each row, writes integers, booleans, nan and inf like numpy', () => {
    const cube = Tensor.from(new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]), { shape: [2, 2, 2] });
    expect(toCsv(cube)).toBe('0.0,1.0,2.0,3.0\n4.0,5.0,6.0,7.0');
    expect(toCsv(Tensor.from([[true, false]]))).toBe('True,False');
    expect(toCsv(Tensor.from([1, -2, 3], { dtype: 'int64' }))).toBe('1,-2,3');
    expect(
      toCsv(Tensor.from([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])),
    ).toBe('nan,inf,-inf');
    expect(toCsv(Tensor.from(2.5, { dtype: 'float64' }))).toBe('2.5');
    expect(() => toCsv(Tensor.zeros('float32', [0, 3]))).toThrow(
      'cannot serialize an empty tensor',
    );
  });
});

describe('fromCsv', () => {
  it('reads rows × columns as float64 by default', () => {
    const t = fromCsv('1.0,0.1,1e-05\n1e+16,-0.0,123456.789\n');
    expect(t.dtype).toBe('float64');
    expect(t.shape).toEqual([2, 3]);
    expect(t.toArray()).toEqual([
      [1, 0.1, 1e-5],
      [1e16, -0, 123456.789],
    ]);
  });

  it('accepts CRLF, blank lines, quotes, nan/inf and booleans', () => {
    const t = fromCsv('nan,inf\r\n\r\n"-inf",True\r\n');
    expect(t.shape).toEqual([2, 2]);
    const [nan, inf, negInf, yes] = Array.from(t.data);
    expect(nan).toBeNaN();
    expect([inf, negInf, yes]).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1]);
    expect(fromCsv('True,False', { dtype: 'bool' }).toArray()).toEqual([[true, false]]);
  });

  it('parses 64-bit integers exactly and converts to the dtype', () => {
    expect(fromCsv('9223372036854775807,-1', { dtype: 'int64' }).toArray()).toEqual([
      [9223372036854775807n, -1n],
    ]);
    expect(Array.from(fromCsv('0.1', { dtype: 'float16' }).data)).toEqual([0x2e66]);
    expect(fromCsv('1,2,3,4', { dtype: 'int32', shape: [2, 2] }).shape).toEqual([2, 2]);
  });

  it('names the line and column of bad input', () => {
    expect(() => fromCsv('1,2\n3')).toThrow('CSV line 2 has 1 columns, expected 2 (as line 1)');
    expect(() => fromCsv('1,abc')).toThrow('CSV line 1, column 2: "abc" is not a valid float64');
    expect(() => fromCsv('1,')).toThrow('column 2: "" is not a valid float64');
    expect(() => fromCsv('1.5', { dtype: 'int32' })).toThrow(ValidationError);
    expect(() => fromCsv('')).toThrow('CSV body has no rows');
  });

  it('round-trips float32 through toCsv exactly', () => {
    const x = Tensor.from(
      new Float32Array([0.1, 1e-30, 3.4028234663852886e38, -7.5, 1e6, 123.456]),
      {
        shape: [2, 3],
      },
    );
    expect(fromCsv(toCsv(x), { dtype: 'float32' }).data).toEqual(x.data);
  });
});

describe('64-bit integers through JSON', () => {
  // Beyond 2^53, where a JSON.parse number is rounded: ...993 became ...992, silently.
  const values = [9007199254740993n, -9223372036854775808n, 9223372036854775807n, 7n];
  it('int64 and uint64 round-trip exactly through toJson/fromJson and JSON Lines', () => {
    const signed = Tensor.from([values.slice(0, 2), values.slice(2)]);
    const unsigned = Tensor.from([18446744073709551615n, 9007199254740993n], { dtype: 'uint64' });
    for (const t of [signed, unsigned]) {
      for (const style of ['python', 'compact'] as const) {
        expect(fromJson(toJson(t, { style }), { dtype: t.dtype }).toArray()).toEqual(t.toArray());
        expect(
          fromJsonLines(toJsonLines(t, { style, key: 'ids' }), { dtype: t.dtype }).toArray(),
        ).toEqual(t.toArray());
      }
    }
  });

  it("reads a model's int64 answer exactly, leaving its strings and other numbers alone", () => {
    const body = '{"note": "id 9007199254740993", "predictions": [[9007199254740993, 2], [3, -4]]}';
    const t = fromJson(body, { dtype: 'int64', key: 'predictions' });
    expect(t.toArray()).toEqual([
      [9007199254740993n, 2n],
      [3n, -4n],
    ]);
    // Without an exact dtype, a number stays a double, as before.
    expect(fromJson('[9007199254740993]').toArray()).toEqual([9007199254740992]);
  });
});
