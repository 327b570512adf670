import { inspect } from 'node:util';
import { BatchError, ServiceError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

const { emu, client } = await useEmulator();

/** Model output that must not reach an error's message. */
const SECRET = 'patient-jane-roe';

describe('endpoints.batcher: an answer that cannot be decoded', () => {
  const answers: Array<[string, string, string]> = [
    ['JSON that does not parse', 'application/json', `{"predictions": [${SECRET}`],
    ['JSON Lines that do not parse', 'application/jsonlines', `[1]\n${SECRET}`],
    ['a body that is no .npy', 'application/x-npy', SECRET],
    ['ragged CSV', 'text/csv', '1,2\n3'],
    ['CSV that is not numbers', 'text/csv', `${SECRET},1`],
    [
      'JSON rows that are not numbers',
      'application/json',
      `{"predictions": [{"label": "${SECRET}"}, null]}`,
    ],
    ['a content type no batch decodes', 'image/png', SECRET],
  ];
  for (const [what, contentType, body] of answers) {
    it(`${what}: every row a ServiceError UndecodableResponse naming the call, not retried`, async () => {
      emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => ({
        Body: Buffer.from(body),
        ContentType: contentType,
      }));
      const batcher = client().endpoints.batcher('m', { retryDelayMs: 1 });
      const settled = await Promise.allSettled([batcher.predict([1, 2]), batcher.predict([3, 4])]);
      for (const s of settled) {
        expect(s.status).toBe('rejected');
        const err = (s as PromiseRejectedResult).reason;
        // Was: a ValidationError (the class for bad input), or an InternalError for a JSON body.
        expect(err).toBeInstanceOf(ServiceError);
        expect(err).toMatchObject({
          code: 'UndecodableResponse',
          service: 'sagemaker-runtime',
          operation: 'InvokeEndpoint',
          retryable: false,
        });
        expect(err.message).toContain(contentType);
        // Was: the parser's message, quoting the body, in the message or the cause.
        expect(inspect(err, { showHidden: true, depth: Infinity })).not.toContain(
          SECRET.slice(0, 8),
        );
      }
      expect(callsTo(emu, 'InvokeEndpoint')).toHaveLength(1);
    });
  }
});

describe('endpoints.batcher: a row the model failed in its answer', () => {
  it("keeps the model's words, which may quote the row, out of the error but behind serviceMessage", async () => {
    const said = `unknown user ${SECRET}@example.com in features`;
    emu.handle('sagemaker-runtime', 'InvokeEndpoint', () => ({
      Body: Buffer.from(
        JSON.stringify({ predictions: [[1], null], errors: [{ index: 1, message: said }] }),
      ),
      ContentType: 'application/json',
    }));
    const batcher = client().endpoints.batcher('m');
    const [ok, failed] = await Promise.allSettled([
      batcher.predict([1, 2]),
      batcher.predict([3, 4]),
    ]);
    expect(ok?.status).toBe('fulfilled');
    const err = (failed as PromiseRejectedResult).reason;
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ code: 'RowError', operation: 'InvokeEndpoint' });
    // Was: 'the model failed this row: unknown user patient-jane-roe@example.com in features'.
    for (const rendering of [
      err.message,
      err.stack,
      JSON.stringify(err),
      inspect(err, { showHidden: true, depth: Infinity }),
    ]) {
      expect(rendering).not.toContain(SECRET);
    }
    expect(err.serviceMessage).toBe(said);

    const many = await batcher
      .predictMany([
        [1, 2],
        [3, 4],
      ])
      .catch((e: unknown) => e);
    expect(many).toBeInstanceOf(BatchError);
    expect(inspect(many, { showHidden: true, depth: Infinity })).not.toContain(SECRET);
    expect((many as BatchError<unknown>).failures.map((f) => f.index)).toEqual([1]);
  });
});
