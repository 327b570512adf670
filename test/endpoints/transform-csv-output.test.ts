import { BatchItemError } from 'aws-ai/endpoints';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

describe('endpoints.transform: a CSV output line with an empty field', () => {
  it('is not read as a 0, nor 0x10 as 16: such a line comes back as its fields; inf and nan are numbers', async () => {
    // The container leaves a value out of the second record's answer.
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', (input) => {
      const records = Buffer.from(input.Body as Uint8Array)
        .toString()
        .trim()
        .split('\n');
      const lines = records.map((r, i) =>
        i === 1 ? '0.5,,0.25' : i === 2 ? '0x10,1' : i === 3 ? 'inf,-inf,nan,1e-05' : r,
      );
      return { Body: Buffer.from(`${lines.join('\n')}\n`), ContentType: 'text/csv' };
    });
    const job = await client().endpoints.transform({
      output: 's3://transform-bucket/out/',
      instanceType: 'ml.m5.xlarge',
      model: 'sparse-model',
      input: [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
        [0, 0, 0],
      ],
      contentType: 'text/csv',
    });
    const outputs: unknown[] = [];
    for await (const item of job.results({ pollIntervalMs: 1 })) {
      if (item instanceof BatchItemError) throw item;
      outputs[item.index] = item.output;
    }
    // Was: [0.5, 0, 0.25], a value the model never gave; and [16, 1] ('0x10' is no number Python
    // writes); inf was read as a string line.
    expect(outputs).toEqual([
      [1, 2, 3],
      ['0.5', '', '0.25'],
      ['0x10', '1'],
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e-5],
    ]);
  });
});
