import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AGENT_RUNTIME as AGENTS_DEF } from '../../src/agents/agent-runtime';
import { AGENT_RUNTIME as KNOWLEDGE_DEF } from '../../src/knowledge/agent-runtime';
import { callsTo, useEmulator } from '../helpers/emulator';
import { advanceSeconds, expectIdleTimeoutAt } from '../helpers/fake-clock';

const { emu, client } = await useEmulator();
const agent = { id: 'SLOWAGENT1', aliasId: 'TSTALIASID' };

// Module loading (vitest's loader, the SDK) waits on real timers: load everything before faking them.
beforeAll(async () => {
  await client().agents.invoke(agent, 'warm up').text;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('long agent turns', () => {
  it('a 90-second turn (traces 30 s apart, then a silent 60 s before the answer) completes', async () => {
    // Fake timers drive the emulator's scripted pauses and our own timers (idle timeout, stream
    // deadline); real sockets stay real. Only setTimeout is faked.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    emu.agent(agent.id, {
      steps: [
        { trace: { orchestrationTrace: { rationale: { text: 'step 1' } } } },
        { waitMs: 30_000 },
        { trace: { orchestrationTrace: { rationale: { text: 'step 2' } } } },
        { waitMs: 60_000 },
        { text: 'Finished after 90 seconds.' },
      ],
    });
    const stream = client().agents.invoke(agent, 'Do the long thing', { trace: true });
    const events: string[] = [];
    let done = false;
    let failure: unknown;
    const reading = (async () => {
      for await (const e of stream)
        events.push(e.type === 'trace' && e.trace.kind === 'rationale' ? e.trace.text : e.type);
    })().then(
      () => {
        done = true;
      },
      (err: unknown) => {
        failure = err;
        done = true;
      },
    );
    let virtualMs = 0;
    while (!done && virtualMs < 200_000) {
      await vi.advanceTimersByTimeAsync(1_000);
      // Let the sockets move between ticks.
      await new Promise((resolve) => setImmediate(resolve));
      virtualMs += 1_000;
    }
    await reading;
    expect(failure).toBeUndefined();
    expect(events).toEqual(['step 1', 'step 2', 'text-delta']);
    expect(virtualMs).toBeGreaterThanOrEqual(90_000);
    expect(await stream.text).toBe('Finished after 90 seconds.');
    expect(callsTo(emu, 'InvokeAgent')).toHaveLength(1);
  });

  it('the same silent 60 s gap ends the turn when idleTimeoutMs is shorter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    emu.agent(agent.id, { steps: [{ text: 'start ' }, { waitMs: 60_000 }, { text: 'end' }] });
    const stream = client().agents.invoke(agent, 'x', { idleTimeoutMs: 45_000 });
    const result = stream.text.then(
      () => undefined,
      (err: unknown) => err,
    );
    await advanceSeconds(50);
    expect(await result).toMatchObject({ name: 'StreamError', code: 'IdleTimeout' });
  });

  // docs/agents.md: idleTimeoutMs defaults to 300,000 ms, for agents and flows alike.
  it.each([
    {
      name: 'invoke',
      open: () => {
        emu.agent(agent.id, { steps: [{ text: 'start ' }, { waitMs: 400_000 }, { text: 'end' }] });
        return client().agents.invoke(agent, 'x');
      },
    },
    {
      name: 'flow',
      open: () => {
        emu.flow('FLOW123456', {
          steps: [{ output: 'start' }, { waitMs: 400_000 }, { output: 'end' }],
        });
        return client().agents.flow({ id: 'FLOW123456', aliasId: 'TSTALIASID' }, 'x');
      },
    },
  ])(
    '$name: without idleTimeoutMs, a silence ends the turn at 300 s, not before',
    async ({ open }) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      await expectIdleTimeoutAt(open().text, 300);
    },
  );

  it('the SDK client for these operations has no request or session timeout of its own', async () => {
    for (const def of [AGENTS_DEF, KNOWLEDGE_DEF]) {
      const sdk = await def.load();
      const made = def.create(sdk as never, {
        ...emu.config,
        maxAttempts: 1,
        customUserAgent: 'test',
      }) as BedrockAgentRuntimeClient;
      // NodeHttp2Handler keeps its resolved options behind `configProvider` (no public accessor).
      const handler = made.config.requestHandler as unknown as {
        configProvider: Promise<Record<string, unknown>>;
      };
      expect(handler.constructor.name).toBe('NodeHttp2Handler');
      await expect(handler.configProvider).resolves.toMatchObject({
        requestTimeout: 0,
        sessionTimeout: 0,
      });
      made.destroy();
    }
  });
});
