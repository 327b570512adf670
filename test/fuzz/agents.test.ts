import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEmulator } from '../helpers/emulator';
import {
  badArrays,
  badFields,
  badNumbers,
  blankStrings,
  Case,
  defined,
  loneSurrogates,
  nonIntegers,
  oddStrings,
  QUICK,
  refusesAll,
  requestOptionProperties,
  settlesTyped,
  value,
  wrongTypes,
} from './harness';

const { emu, client } = await useEmulator();

const AGENT = { id: 'AGENT12345', aliasId: 'ALIAS12345' };
const FLOW = { id: 'FLOW123456', aliasId: 'ALIAS12345' };
const INLINE = {
  model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  instruction: 'You answer questions about orders. Use the tools to look orders up.',
};
const SESSION_UUID = '3f0a9c2e-1b6d-4f3a-9d3e-2c1b0a9f8e7d';

const notText = fc.oneof(wrongTypes, blankStrings, loneSurrogates, badArrays);
const notAnId = fc.oneof(
  defined(wrongTypes),
  blankStrings,
  oddStrings,
  value('11 chars', () => 'AGENT123456'),
);
const notAnObject = defined(wrongTypes).filter(
  (c) => c.value === null || (typeof c.value !== 'object' && typeof c.value !== 'function'),
);
const notABoolean = defined(wrongTypes).filter(
  (c) => typeof c.value !== 'boolean' && c.value !== null,
);
const notASessionId = fc.oneof(
  defined(wrongTypes).filter((c) => c.value !== null),
  blankStrings,
  value('"a"', () => 'a'),
  value('"has space"', () => 'has space'),
  value('101 chars', () => 's'.repeat(101)),
);
const notACount = fc.oneof(
  badNumbers,
  nonIntegers,
  value('0', () => 0),
  value('"3"', () => '3'),
);
const badRef = fc.oneof(
  notAnObject,
  badFields({ id: notAnId, aliasId: notAnId }).map(
    (c) => new Case(c.name, () => ({ ...AGENT, ...c.value })),
  ),
);

describe('agents.invoke', () => {
  const invoke = (agent: unknown, input: unknown, o: object = {}) =>
    client().agents.invoke(agent as never, input as string, { ...QUICK, ...o });

  it(
    // Defect: a ref that is not an object (42, true) fails untyped or late, src/agents/invoke.ts
    'agent refs that are not { id, aliasId } are refused',
    refusesAll(emu, 'agents.invoke', badRef, (a) => invoke(a, 'Hi'), 30),
  );

  it(
    'input of the wrong type, blank or ill-formed is refused',
    refusesAll(emu, 'agents.invoke', notText, (t) => invoke(AGENT, t), 30),
  );

  it(
    'odd inputs settle typed',
    settlesTyped(
      'agents.invoke',
      oddStrings,
      (t) => {
        emu.agent(AGENT.id, { steps: [{ text: 'ok' }] } as never);
        return invoke(AGENT, t);
      },
      25,
    ),
  );

  // Defect: tools of the wrong shape ({ group: 1 }) are not refused up front, src/agents/invoke.ts
  it(
    'options of the wrong type or value are refused',
    refusesAll(
      emu,
      'agents.invoke(agent, input, …)',
      badFields({
        sessionId: notASessionId,
        memoryId: notASessionId,
        trace: notABoolean,
        endSession: notABoolean,
        streamFinalResponse: notABoolean,
        maxSteps: notACount,
        idleTimeoutMs: fc.oneof(
          badNumbers.filter((c) => !((c.value as number) > 0)),
          value('0', () => 0),
          value('"5"', () => '5'),
        ),
        tools: fc.oneof(
          defined(wrongTypes).filter((c) => typeof c.value !== 'object' || c.value === null),
          value('{ group: 1 }', () => ({ group: 1 })),
          value('{ group: { fn: 1 } }', () => ({ group: { fn: 1 } })),
          value('{ group: { fn: { execute: 1 } } }', () => ({ group: { fn: { execute: 1 } } })),
        ),
        sessionState: fc.oneof(
          defined(wrongTypes).filter((c) => typeof c.value !== 'object' || c.value === null),
          value('{ sessionAttributes: 1 }', () => ({ sessionAttributes: 1 })),
        ),
      }).filter((c) => c.inner.value !== null),
      (o) => invoke(AGENT, 'Hi', o as object),
      40,
    ),
  );
});

describe('agents.invokeInline', () => {
  const inline = (agent: unknown, input: unknown = 'Where is order 42?', o: object = {}) =>
    client().agents.invokeInline(agent as never, input as string, { ...QUICK, ...o });

  it(
    'input of the wrong type, blank or ill-formed is refused',
    refusesAll(
      emu,
      'agents.invokeInline',
      notText.filter((c) => c.value !== undefined),
      (t) => inline(INLINE, t),
      30,
    ),
  );

  // Defect: an undefined input is not refused before the request, src/agents/invoke.ts
  it(
    'undefined input is refused',
    refusesAll(
      emu,
      'agents.invokeInline',
      value('undefined', () => undefined),
      (t) => client().agents.invokeInline(INLINE as never, t as string, { ...QUICK }),
      1,
    ),
  );

  // Defect: guardrail not an object (true) is not refused before the request, src/agents/invoke.ts
  it(
    'agent definitions of the wrong shape or value are refused',
    refusesAll(
      emu,
      'agents.invokeInline',
      fc.oneof(
        notAnObject,
        badFields({
          model: fc.oneof(
            defined(wrongTypes),
            blankStrings,
            value('"Claude Haiku"', () => 'Claude Haiku'),
          ),
          instruction: fc.oneof(
            defined(wrongTypes),
            blankStrings,
            loneSurrogates,
            value('39 chars', () => 'i'.repeat(39)),
          ),
          name: fc.oneof(
            defined(wrongTypes),
            blankStrings,
            value('"a b"', () => 'a b'),
          ),
          idleSessionTtlSeconds: fc.oneof(
            notACount,
            value('59', () => 59),
            value('3601', () => 3601),
          ),
          actionGroups: fc.oneof(
            defined(wrongTypes).filter((c) => typeof c.value !== 'object' || c.value === null),
            value('[null]', () => [null]),
            value('[{ name: "a b", functions: {} }]', () => [{ name: 'a b', functions: {} }]),
            value('[{ name: "g", functions: 1 }]', () => [{ name: 'g', functions: 1 }]),
            value(
              '[{ name: "g", functions: { f: { parameters: { p: { type: "date" } } } } }]',
              () => [{ name: 'g', functions: { f: { parameters: { p: { type: 'date' } } } } }],
            ),
          ),
          knowledgeBases: fc.oneof(
            defined(wrongTypes).filter((c) => typeof c.value !== 'object' || c.value === null),
            value('[null]', () => [null]),
            value('[{ id: "kb-1", description: "d" }]', () => [{ id: 'kb-1', description: 'd' }]),
            value('[{ id: "KB12345678" }] (no description)', () => [{ id: 'KB12345678' }]),
          ),
          guardrail: fc.oneof(
            defined(wrongTypes).filter((c) => typeof c.value !== 'object' || c.value === null),
            value('{}', () => ({})),
            value('{ id: "G!", version: "1" }', () => ({ id: 'G!', version: '1' })),
          ),
        })
          .filter(
            (c) =>
              c.inner.value !== null ||
              c.name.startsWith('{ model') ||
              c.name.startsWith('{ instruction'),
          )
          .map((c) => new Case(c.name, () => ({ ...INLINE, ...c.value }))),
      ),
      (a) => inline(a),
      40,
    ),
  );

  it(
    'odd inputs settle typed',
    settlesTyped('agents.invokeInline', oddStrings, (t) => inline(INLINE, t), 20),
  );
});

describe('agents.flow', () => {
  const flow = (ref: unknown, input: unknown = 'Summarize: x', o: object = {}) =>
    client().agents.flow(ref as never, input, { ...QUICK, ...o });

  // Defect: an aliasId of the wrong type (true, 10n) is coerced, not refused, src/agents/flow.ts
  it(
    'flow refs that are not { id, aliasId } are refused',
    refusesAll(
      emu,
      'agents.flow',
      fc.oneof(
        notAnObject,
        badFields({ id: notAnId, aliasId: notAnId })
          .filter((c) => c.inner.name !== '11 chars')
          // An alias id of letters and digits of any length is valid (model: FlowAliasIdentifier).
          .filter(
            (c) =>
              !(
                c.name.includes('aliasId') &&
                typeof c.inner.value === 'string' &&
                /^[0-9a-zA-Z]+$/.test(c.inner.value)
              ),
          )
          .map((c) => new Case(c.name, () => ({ ...FLOW, ...c.value }))),
      ),
      (f) => flow(f),
      30,
    ),
  );

  it(
    'inputs of any type settle typed',
    settlesTyped(
      'agents.flow',
      fc.oneof(wrongTypes, oddStrings, blankStrings, badArrays),
      (input) => flow(FLOW, input),
      30,
    ),
  );

  // Defect: trace that is not a boolean (a function) is not refused, src/agents/flow.ts
  it(
    'options of the wrong type or value are refused',
    refusesAll(
      emu,
      'agents.flow(flow, input, …)',
      badFields({
        nodeName: fc.oneof(
          defined(wrongTypes),
          blankStrings,
          value('"1node"', () => '1node'),
        ),
        nodeOutputName: fc.oneof(defined(wrongTypes), blankStrings),
        nodeInputName: fc.oneof(defined(wrongTypes), blankStrings),
        executionId: fc.oneof(defined(wrongTypes), blankStrings),
        trace: notABoolean,
        idleTimeoutMs: fc.oneof(
          value('0', () => 0),
          value('-1', () => -1),
          value('NaN', () => Number.NaN),
        ),
      }).filter((c) => c.inner.value !== null),
      (o) => flow(FLOW, 'x', o as object),
      40,
    ),
  );
});

describe('agents memory and sessions', () => {
  // Defect: an agent ref that is not an object (true) fails untyped, src/agents/memory.ts
  it(
    'getMemory: bad agent refs, memory ids and pageSize are refused',
    refusesAll(
      emu,
      'agents.getMemory',
      fc.oneof(
        badRef.map((c) => new Case(`ref ${c.name}`, () => [c.value, 'user-42', {}])),
        notASessionId.map((c) => new Case(`memoryId ${c.name}`, () => [AGENT, c.value, {}])),
        fc
          .oneof(
            notACount,
            value('1001', () => 1001),
          )
          .map(
            (c) => new Case(`pageSize ${c.name}`, () => [AGENT, 'user-42', { pageSize: c.value }]),
          ),
      ),
      (v) => {
        const [a, m, o] = v as [never, string, object];
        return client().agents.getMemory(a, m, { ...QUICK, ...o });
      },
      40,
    ),
  );

  // Defect: `which` that is not an object (false) is not refused, src/agents/memory.ts
  it(
    'deleteMemory: bad agent refs, memory or session ids are refused',
    refusesAll(
      emu,
      'agents.deleteMemory',
      fc.oneof(
        badRef.map((c) => new Case(`ref ${c.name}`, () => [c.value, { memoryId: 'user-42' }])),
        badFields({ memoryId: notASessionId, sessionId: notASessionId })
          .filter((c) => c.inner.value !== null)
          .map((c) => new Case(`which ${c.name}`, () => [AGENT, c.value])),
        notAnObject
          .filter((c) => c.value !== null)
          .map((c) => new Case(`which ${c.name}`, () => [AGENT, c.value])),
      ),
      (v) => {
        const [a, w] = v as [never, never];
        return client().agents.deleteMemory(a, w, { ...QUICK });
      },
      40,
    ),
  );

  it(
    'endSession: identifiers that are not a session UUID or ARN are refused',
    refusesAll(
      emu,
      'agents.endSession',
      fc.oneof(
        defined(wrongTypes),
        blankStrings,
        oddStrings,
        value('UUID without dashes', () => SESSION_UUID.replaceAll('-', '')),
      ),
      (id) => client().agents.endSession(id as string, { ...QUICK }),
      30,
    ),
  );
});

requestOptionProperties(
  it,
  'agents',
  {
    invoke: (o) => client().agents.invoke(AGENT, 'Hi', o),
    invokeInline: (o) => client().agents.invokeInline(INLINE, 'Hi', o),
    flow: (o) => client().agents.flow(FLOW, 'Hi', o),
    getMemory: (o) => client().agents.getMemory(AGENT, 'user-42', o),
    deleteMemory: (o) => client().agents.deleteMemory(AGENT, { memoryId: 'user-42' }, o),
    endSession: (o) => client().agents.endSession(SESSION_UUID, o),
  },
  emu,
);
