import {
  LexRuntimeV2Client,
  StartConversationCommand,
  type StartConversationRequestEventStream,
} from '@aws-sdk/client-lex-runtime-v2';
import type { BotScript } from 'aws-ai/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, useEmulator } from '../helpers/emulator';

/**
 * The emulator's StartConversation as a raw SDK client sees it: the model's errors for events the
 * library never sends (it checks them first), as exception events mid-stream.
 */

const { emu } = await useEmulator();
const sdk = new LexRuntimeV2Client({ ...emu.config, maxAttempts: 1 });
afterAll(() => sdk.destroy());

const SCRIPT: BotScript = {
  intents: [{ name: 'Greet', utterances: ['hello there'], fulfilled: 'Hi!' }],
  heartbeatMs: 0,
};
const TEXT_CONFIG: StartConversationRequestEventStream = {
  ConfigurationEvent: { responseContentType: 'text/plain; charset=utf-8', disablePlayback: true },
};

/** Runs one conversation of `events`; the answered event names, or the error's name. */
async function run(
  events: StartConversationRequestEventStream[],
  mode: 'AUDIO' | 'TEXT' = 'AUDIO',
): Promise<{ answered: string[]; error?: string; requestId?: string }> {
  async function* body() {
    yield* events;
  }
  const answered: string[] = [];
  try {
    const out = await sdk.send(
      new StartConversationCommand({
        botId: 'GREETBOT01',
        botAliasId: 'TSTALIASID',
        localeId: 'en_US',
        sessionId: `s-${globalThis.crypto.randomUUID()}`,
        conversationMode: mode,
        requestEventStream: body(),
      }),
    );
    for await (const event of out.responseEventStream ?? []) {
      answered.push(Object.keys(event).find((k) => k !== '$unknown') ?? '?');
    }
    return { answered };
  } catch (err) {
    return { answered, error: (err as Error).name };
  }
}

describe('emulator: StartConversation errors from the model', () => {
  it('answers a text turn with IntentResultEvent then TextResponseEvent', async () => {
    emu.bot('GREETBOT01', SCRIPT);
    const out = await run([TEXT_CONFIG, { TextInputEvent: { text: 'hello there' } }]);
    expect(out).toEqual({ answered: ['IntentResultEvent', 'TextResponseEvent'] });
  });

  it('ValidationException mid-stream for events Lex refuses', async () => {
    emu.bot('GREETBOT01', SCRIPT);
    const cases: Array<[StartConversationRequestEventStream[], 'AUDIO' | 'TEXT']> = [
      // No ConfigurationEvent first.
      [[{ TextInputEvent: { text: 'hello there' } }], 'AUDIO'],
      // Audio that is not 8 kHz PCM.
      [
        [
          TEXT_CONFIG,
          {
            AudioInputEvent: {
              contentType: 'audio/l16; rate=16000; channels=1',
              audioChunk: new Uint8Array(320),
            },
          },
        ],
        'AUDIO',
      ],
      // DTMF in TEXT mode, a key outside the model's pattern, text over 1,024 characters.
      [[TEXT_CONFIG, { DTMFInputEvent: { inputCharacter: '1' } }], 'TEXT'],
      [[TEXT_CONFIG, { DTMFInputEvent: { inputCharacter: 'x' } }], 'AUDIO'],
      [[TEXT_CONFIG, { TextInputEvent: { text: 'a'.repeat(1_025) } }], 'AUDIO'],
    ];
    for (const [events, mode] of cases) {
      const out = await run(events, mode);
      expect(out.error).toBe('ValidationException');
    }
  });

  it('ConflictException for a second conversation on a session; ResourceNotFound for no bot', async () => {
    const missing = await run([TEXT_CONFIG]);
    expect(missing.error).toBe('ResourceNotFoundException');
    emu.bot('GREETBOT01', SCRIPT);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* open() {
      yield TEXT_CONFIG;
      yield { TextInputEvent: { text: 'hello there' } };
      await held;
    }
    const input = {
      botId: 'GREETBOT01',
      botAliasId: 'TSTALIASID',
      localeId: 'en_US',
      sessionId: 'same-session',
    };
    const first = await sdk.send(
      new StartConversationCommand({ ...input, requestEventStream: open() }),
    );
    const it1 = first.responseEventStream?.[Symbol.asyncIterator]();
    await it1?.next();
    await expect(
      sdk.send(
        new StartConversationCommand({
          ...input,
          requestEventStream: (async function* () {
            yield TEXT_CONFIG;
          })(),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConflictException' });
    release();
    for await (const _ of { [Symbol.asyncIterator]: () => it1 as AsyncIterator<unknown> }) {
      // drain
    }
    expect(callsTo(emu, 'StartConversation')).toHaveLength(3);
  });
});

describe('emulator: StartConversation refusals on the wire, as the model places them', () => {
  /** The HTTP status of each StartConversation answer, before the SDK reads its body. */
  const statuses: number[] = [];
  const watched = new LexRuntimeV2Client({ ...emu.config, maxAttempts: 1 });
  watched.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      statuses.push((out.response as { statusCode: number }).statusCode);
      return out;
    },
    // Inside the deserializer: `next` answers the raw HTTP response.
    { step: 'deserialize', priority: 'low' },
  );
  afterAll(() => watched.destroy());

  async function start(botId: string, sessionId: string): Promise<string> {
    try {
      const out = await watched.send(
        new StartConversationCommand({
          botId,
          botAliasId: 'TSTALIASID',
          localeId: 'en_US',
          sessionId,
          requestEventStream: (async function* () {
            yield TEXT_CONFIG;
          })(),
        }),
      );
      for await (const _ of out.responseEventStream ?? []);
      return 'ended';
    } catch (err) {
      return (err as Error).name;
    }
  }

  it('an unknown bot and a busy session are exception events after a 200 (the model has them only in the response stream); bad ids a 400', async () => {
    statuses.length = 0;
    expect(await start('NOSUCHBOT1', 's-missing')).toBe('ResourceNotFoundException');
    emu.bot('GREETBOT01', SCRIPT);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = await sdk.send(
      new StartConversationCommand({
        botId: 'GREETBOT01',
        botAliasId: 'TSTALIASID',
        localeId: 'en_US',
        sessionId: 's-busy',
        requestEventStream: (async function* () {
          yield TEXT_CONFIG;
          yield { TextInputEvent: { text: 'hello there' } };
          await held;
        })(),
      }),
    );
    const it1 = first.responseEventStream?.[Symbol.asyncIterator]();
    await it1?.next();
    expect(await start('GREETBOT01', 's-busy')).toBe('ConflictException');
    release();
    for await (const _ of { [Symbol.asyncIterator]: () => it1 as AsyncIterator<unknown> });
    // An operation error of the model (ValidationException) refuses the request itself.
    expect(await start('SHORT', 's-bad-id')).toBe('ValidationException');
    expect(statuses).toEqual([200, 200, 400]);
  });
});
