/**
 * The emulator's Nova Sonic (InvokeModelWithBidirectionalStream) as a raw SDK client sees it, for
 * what the bedrock-runtime model and its documentation bound: one input chunk's bytes (`PartBody`,
 * at most 1,000,000) and the connection's lifetime ("remains open for 8 minutes"), which AWS ends
 * whether or not the client is sending.
 */
import {
  BedrockRuntimeClient,
  InvokeModelWithBidirectionalStreamCommand,
  type InvokeModelWithBidirectionalStreamInput,
} from '@aws-sdk/client-bedrock-runtime';
import { type Emulator, startEmulator } from 'aws-ai/testing';
import { afterAll, describe, expect, it } from 'vitest';

const MODEL = 'amazon.nova-sonic-v1:0';
const LIMIT_MS = 300;
/** AWS's own limit (8 minutes), so that a slow run never meets it; `short` meets it on purpose. */
const emu: Emulator = await startEmulator();
const short: Emulator = await startEmulator({ sonicConnectionLimitMs: LIMIT_MS });
const sdk = new BedrockRuntimeClient({ ...emu.config, maxAttempts: 1 });
const shortSdk = new BedrockRuntimeClient({ ...short.config, maxAttempts: 1 });
afterAll(async () => {
  sdk.destroy();
  shortSdk.destroy();
  await Promise.all([emu.close(), short.close()]);
});

/** One protocol event as a chunk, its JSON padded with spaces to `size` bytes when given. */
function chunk(
  event: Record<string, unknown>,
  size?: number,
): InvokeModelWithBidirectionalStreamInput {
  const json = JSON.stringify({ event });
  const bytes = Buffer.from(size === undefined ? json : json.padEnd(size, ' '));
  return { chunk: { bytes: new Uint8Array(bytes) } };
}

const START = { sessionStart: { inferenceConfiguration: { maxTokens: 64 } } };
const PROMPT = { promptStart: { promptName: 'p1' } };

/**
 * Sends `events`, then keeps the input open until the response ends; reads the response to its
 * end and answers the error's name (or 'ended'). `signal` bounds the wait for a connection that
 * never ends.
 */
async function run(
  events: InvokeModelWithBidirectionalStreamInput[],
  signal: AbortSignal,
  client = sdk,
) {
  let release: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  async function* body() {
    yield* events;
    await done;
  }
  try {
    const out = await client.send(
      new InvokeModelWithBidirectionalStreamCommand({ modelId: MODEL, body: body() }),
      { abortSignal: signal },
    );
    for await (const _event of out.body ?? []);
    return 'ended';
  } catch (err) {
    return (err as Error).name;
  } finally {
    release();
  }
}

describe('emulator: Nova Sonic bounds from the model', () => {
  it('an input chunk over 1,000,000 bytes is a ValidationException; one of 1,000,000 is taken', async () => {
    const out = await run(
      [chunk(START, 1_000_000), chunk(PROMPT, 1_000_001)],
      AbortSignal.timeout(30_000),
    );
    expect(out).toBe('ValidationException');
    const call = emu.calls.find((c) => c.operation === 'InvokeModelWithBidirectionalStream');
    // The padded sessionStart was read and taken; the oversized promptStart was refused.
    expect(call?.input.received).toEqual([START]);
  });

  it('a connection that outlives its limit ends with a ValidationException, also while the client sends nothing', async () => {
    // Wait well past the limit: a connection the emulator never ends is cut by this signal instead.
    const out = await run(
      [chunk(START), chunk(PROMPT)],
      AbortSignal.timeout(LIMIT_MS * 10),
      shortSdk,
    );
    expect(out).toBe('ValidationException');
  });
});
