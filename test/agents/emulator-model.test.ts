/**
 * The emulator answers InvokeAgent, InvokeInlineAgent, InvokeFlow, GetAgentMemory,
 * DeleteAgentMemory and EndSession requests that break a constraint of AWS's model
 * (reference/aws-models/bedrock-agent-runtime.json) as AWS does: a 400 ValidationException, whose
 * message leaves out the value of a sensitive member. The requests go through the SDK client
 * directly, past aws-ai's own checks, which refuse them before sending.
 */
import {
  BedrockAgentRuntimeClient,
  DeleteAgentMemoryCommand,
  EndSessionCommand,
  GetAgentMemoryCommand,
  InvokeAgentCommand,
  InvokeFlowCommand,
  InvokeInlineAgentCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { describe, it } from 'vitest';
import { expectConstraintRefusal } from '../helpers/constraint-refusal';
import { useEmulator } from '../helpers/emulator';

const { emu } = await useEmulator();
const AGENT = { agentId: 'AGENT12345', agentAliasId: 'TSTALIASID' };
const FLOW = { flowIdentifier: 'FLOW123456', flowAliasIdentifier: 'ALIAS12345' };
const UUID = '3f0a9c2e-1b6d-4f3a-9d3e-2c1b0a9f8e7d';
const MARK = 'PAYLOADMARKER';
const flowInput = (extra: Record<string, unknown> = {}) => ({
  nodeName: 'FlowInputNode',
  nodeOutputName: 'document',
  content: { document: 'hi' },
  ...extra,
});
const result = (i: number) => ({
  functionResult: { actionGroup: 'g', function: `f${i}`, responseBody: { TEXT: { body: 'ok' } } },
});

const CASES: Array<[string, string, (c: BedrockAgentRuntimeClient) => Promise<unknown>]> = [
  [
    'EndSession: text before a session UUID (SessionIdentifier, matched whole)',
    'sessionIdentifier',
    (c) => c.send(new EndSessionCommand({ sessionIdentifier: `hello ${UUID}` })),
  ],
  [
    'EndSession: not a UUID',
    'sessionIdentifier',
    (c) => c.send(new EndSessionCommand({ sessionIdentifier: 'junk' })),
  ],
  [
    'InvokeAgent: a session id of one character (SessionId, 2-100)',
    'sessionId',
    (c) => c.send(new InvokeAgentCommand({ ...AGENT, sessionId: 'a', inputText: 'hi' })),
  ],
  [
    'InvokeAgent: an agent id of 11 characters (AgentId, max 10)',
    'agentId',
    (c) =>
      c.send(
        new InvokeAgentCommand({
          ...AGENT,
          agentId: 'AGENT123456',
          sessionId: 'session-1',
          inputText: 'hi',
        }),
      ),
  ],
  [
    'InvokeAgent: a memory id with a space (MemoryId pattern)',
    'memoryId',
    (c) =>
      c.send(
        new InvokeAgentCommand({
          ...AGENT,
          sessionId: 'session-1',
          memoryId: 'user 42',
          inputText: 'hi',
        }),
      ),
  ],
  [
    'InvokeAgent: 6 return-of-control results (ReturnControlInvocationResults, 1-5)',
    'returnControlInvocationResults',
    (c) =>
      c.send(
        new InvokeAgentCommand({
          ...AGENT,
          sessionId: 'session-1',
          sessionState: {
            invocationId: 'inv-1',
            returnControlInvocationResults: [0, 1, 2, 3, 4, 5].map(result),
          },
        }),
      ),
  ],
  [
    'InvokeInlineAgent: an instruction of 39 characters (Instruction, min 40)',
    'instruction',
    (c) =>
      c.send(
        new InvokeInlineAgentCommand({
          sessionId: 'session-1',
          foundationModel: 'amazon.nova-pro-v1:0',
          instruction: MARK.padEnd(39, 'x'),
          inputText: 'hi',
        }),
      ),
  ],
  [
    'InvokeFlow: two inputs (FlowInputs, exactly 1)',
    'inputs',
    (c) => c.send(new InvokeFlowCommand({ ...FLOW, inputs: [flowInput(), flowInput()] })),
  ],
  [
    'InvokeFlow: an execution id of one character (FlowExecutionId, 2-100)',
    'executionId',
    (c) => c.send(new InvokeFlowCommand({ ...FLOW, inputs: [flowInput()], executionId: 'a' })),
  ],
  [
    'InvokeFlow: a node name starting with a digit (NodeName pattern)',
    'nodeName',
    (c) => c.send(new InvokeFlowCommand({ ...FLOW, inputs: [flowInput({ nodeName: '1node' })] })),
  ],
  [
    'InvokeFlow: a flow id of 9 characters (FlowIdentifier)',
    'flowIdentifier',
    (c) =>
      c.send(
        new InvokeFlowCommand({ ...FLOW, flowIdentifier: 'FLOW12345', inputs: [flowInput()] }),
      ),
  ],
  [
    'GetAgentMemory: maxItems 1,001 (MaxResults, 1-1,000)',
    'maxItems',
    (c) =>
      c.send(
        new GetAgentMemoryCommand({
          ...AGENT,
          memoryId: 'user-42',
          memoryType: 'SESSION_SUMMARY',
          maxItems: 1_001,
        }),
      ),
  ],
  [
    'DeleteAgentMemory: a session id with a space (SessionId pattern)',
    'sessionId',
    (c) => c.send(new DeleteAgentMemoryCommand({ ...AGENT, sessionId: 'a b' })),
  ],
];

describe('emulator: agent and flow requests AWS refuses', () => {
  it.each(CASES)('%s', async (_title, member, send) => {
    // The instruction is sensitive in the model: AWS does not echo it.
    const raw = new BedrockAgentRuntimeClient({ ...emu.config, maxAttempts: 1 });
    await expectConstraintRefusal(emu, send(raw), member, MARK);
  });
});
