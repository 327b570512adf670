import { afterEach, beforeAll, it, vi } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import { expectIdleTimeoutAt } from '../helpers/fake-clock';

const { emu, client } = await useEmulator();
const KB = 'KB12345678';
const MODEL = 'amazon.nova-lite-v1:0';

// Module loading (vitest's loader, the SDK) waits on real timers: load everything before faking them.
beforeAll(async () => {
  emu.knowledgeBase(KB, [{ text: 'Employees get 25 vacation days.' }]);
  await client().knowledge.askStream('vacation', { knowledgeBaseId: KB, model: MODEL }).text;
});

afterEach(() => {
  vi.useRealTimers();
});

// docs/knowledge.md: askStream's idleTimeoutMs defaults to 120 s (limits.ts DEFAULT_ASK_IDLE_MS).
it('askStream without idleTimeoutMs: a silence ends the stream at 120 s, not before', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  emu.handle('bedrock-agent-runtime', 'RetrieveAndGenerateStream', () => ({
    sessionId: 'session-1',
    stream: (async function* () {
      yield { output: { text: 'Employees get ' } };
      // A generation that stalls; the global setTimeout, so the fake clock drives it.
      await new Promise((resolve) => setTimeout(resolve, 200_000));
      yield { output: { text: '25 vacation days.' } };
    })(),
  }));
  await expectIdleTimeoutAt(
    client().knowledge.askStream('How many vacation days?', { knowledgeBaseId: KB, model: MODEL })
      .text,
    120,
    { operation: 'RetrieveAndGenerateStream' },
  );
});
