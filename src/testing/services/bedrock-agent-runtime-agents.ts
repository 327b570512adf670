import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';

/** What a scripted agent's text functions see. */
export interface AgentTurnContext {
  /** The user's input of this turn. */
  readonly input: string;
  /** Results the caller returned for return-of-control calls so far, by function name. */
  readonly results: Readonly<Record<string, string>>;
  readonly sessionId: string;
}

/** One step of a scripted agent turn (`emu.agent(id, { steps })`). */
export type AgentScriptStep =
  | {
      /** Answer text: one `chunk` event, or one per word with `streamFinalResponse`. */
      text: string | ((turn: AgentTurnContext) => string);
    }
  /** A trace event (sent only when the caller enabled traces): an SDK-shaped `Trace` member. */
  | { trace: Record<string, unknown> }
  /**
   * A return-of-control request for a function of an action group. Consecutive calls travel in one
   * `returnControl` event (at most 5); the turn continues when the caller sends their results.
   */
  | {
      call: {
        actionGroup: string;
        function: string;
        parameters?: Record<string, string | number | boolean>;
      };
    }
  | {
      /**
       * An answer from an emulated knowledge base (`emu.knowledgeBase`) for the turn's input, sent
       * as a chunk with citations; with traces, a knowledge base lookup and its observation first.
       */
      knowledgeBase: string;
    }
  /** Files the agent produced (code interpreter). */
  | { files: Array<{ name: string; type: string; bytes: Uint8Array | string }> }
  /** A pause before the next event (a slow model or action group). */
  | { waitMs: number };

/** A scripted agent. */
export interface AgentScript {
  steps: AgentScriptStep[];
}

/** One step of a scripted flow (`emu.flow(id, { steps })`). */
export type FlowScriptStep =
  | {
      /** A `flowOutputEvent` from an output node: this value, or what the function returns. */
      output:
        | string
        | number
        | boolean
        | null
        | Record<string, unknown>
        | unknown[]
        | ((input: unknown) => unknown);
      nodeName?: string;
    }
  /** A multi-turn input request: the stream ends with `INPUT_REQUIRED` until the caller answers. */
  | { askInput: { nodeName: string; content?: unknown } }
  | { waitMs: number };

/** A scripted flow. */
export interface FlowScript {
  steps: FlowScriptStep[];
}

interface PendingTurn {
  readonly position: number;
  readonly invocationId: string;
  readonly input: string;
  readonly results: Record<string, string>;
}

interface PendingFlow {
  readonly flowId: string;
  readonly position: number;
  readonly inputs: unknown[];
}

interface MemorySummary {
  memoryId: string;
  sessionId: string;
  summaryText: string;
  /** iso8601 strings, as the model's DateTimestamp travels. */
  sessionStartTime: string;
  sessionExpiryTime: string;
}

/** Waits on the global `setTimeout`, so tests with fake timers control scripted pauses. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function paramType(value: unknown): string {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
}

/** An answer from a knowledge base: text plus AWS-shaped citations and retrieved references. @internal */
export type KnowledgeAnswerer = (
  knowledgeBaseId: string,
  query: string,
) => { text: string; citations: Record<string, unknown>[]; references: Record<string, unknown>[] };

/** Scripted agents and flows of one emulator, with their sessions and memories. @internal */
export class AgentRuntimeState {
  readonly #answer: KnowledgeAnswerer;

  constructor(answer: KnowledgeAnswerer) {
    this.#answer = answer;
  }

  readonly agents = new Map<string, AgentScript>();
  readonly flows = new Map<string, FlowScript>();
  readonly #turns = new Map<string, PendingTurn>();
  readonly #executions = new Map<string, PendingFlow>();
  readonly #memories = new Map<string, MemorySummary[]>();
  #nextId = 1;

  clear(): void {
    this.agents.clear();
    this.flows.clear();
    this.#turns.clear();
    this.#executions.clear();
    this.#memories.clear();
    this.#nextId = 1;
  }

  #id(prefix: string): string {
    return `${prefix}${String(this.#nextId++).padStart(6, '0')}`;
  }

  /** The events of one InvokeAgent / InvokeInlineAgent call. */
  async *invoke(agentId: string, aliasId: string, input: Record<string, unknown>) {
    const sessionId = String(input.sessionId ?? '');
    const key = `${agentId}|${sessionId}`;
    const state = isRecord(input.sessionState)
      ? input.sessionState
      : isRecord(input.inlineSessionState)
        ? input.inlineSessionState
        : {};
    const returned = Array.isArray(state.returnControlInvocationResults)
      ? state.returnControlInvocationResults
      : undefined;
    let position = 0;
    let text = String(input.inputText ?? '');
    const results: Record<string, string> = {};
    if (returned) {
      const pending = this.#turns.get(key);
      if (!pending || pending.invocationId !== state.invocationId) {
        throw new EmulatorError(
          'ValidationException',
          `invocationId ${String(state.invocationId)} does not match the pending return of control of session ${sessionId}`,
        );
      }
      this.#turns.delete(key);
      position = pending.position;
      text = pending.input;
      Object.assign(results, pending.results);
      for (const r of returned) {
        const fr = isRecord(r) && isRecord(r.functionResult) ? r.functionResult : undefined;
        if (!fr) continue;
        const body = isRecord(fr.responseBody) ? fr.responseBody : {};
        const content = Object.values(body).find(isRecord);
        results[String(fr.function)] = String(content?.body ?? '');
      }
    }
    const trace = input.enableTrace === true;
    const stream =
      isRecord(input.streamingConfigurations) &&
      input.streamingConfigurations.streamFinalResponse === true;
    const script = this.agents.get(agentId) ?? {
      steps: [{ text: ({ input: said }: AgentTurnContext) => `Emulated agent reply to: ${said}` }],
    };
    const turn: AgentTurnContext = { input: text, results, sessionId };
    const traceBase = { agentId, agentAliasId: aliasId, sessionId, agentVersion: 'DRAFT' };
    const steps = script.steps;
    while (position < steps.length) {
      const step = steps[position] as AgentScriptStep;
      if ('waitMs' in step) {
        await pause(step.waitMs);
        position += 1;
      } else if ('trace' in step) {
        // iso8601 timestamps travel as strings (the model's timestampFormat), not epoch seconds.
        if (trace) {
          yield { trace: { ...traceBase, eventTime: new Date().toISOString(), trace: step.trace } };
        }
        position += 1;
      } else if ('knowledgeBase' in step) {
        const answer = this.#answer(step.knowledgeBase, text);
        if (trace) {
          const lookup = { knowledgeBaseId: step.knowledgeBase, text };
          const at = new Date().toISOString();
          yield {
            trace: {
              ...traceBase,
              eventTime: at,
              trace: {
                orchestrationTrace: {
                  invocationInput: {
                    invocationType: 'KNOWLEDGE_BASE',
                    knowledgeBaseLookupInput: lookup,
                  },
                },
              },
            },
          };
          yield {
            trace: {
              ...traceBase,
              eventTime: at,
              trace: {
                orchestrationTrace: {
                  observation: {
                    type: 'KNOWLEDGE_BASE',
                    knowledgeBaseLookupOutput: { retrievedReferences: answer.references },
                  },
                },
              },
            },
          };
        }
        yield {
          chunk: {
            bytes: new TextEncoder().encode(answer.text),
            attribution: { citations: answer.citations },
          },
        };
        position += 1;
      } else if ('files' in step) {
        yield {
          files: {
            files: step.files.map((f) => ({
              name: f.name,
              type: f.type,
              bytes: typeof f.bytes === 'string' ? new TextEncoder().encode(f.bytes) : f.bytes,
            })),
          },
        };
        position += 1;
      } else if ('text' in step) {
        const answer = typeof step.text === 'function' ? step.text(turn) : step.text;
        const pieces = stream ? (answer.match(/\S+\s*/g) ?? [answer]) : [answer];
        for (const piece of pieces) yield { chunk: { bytes: new TextEncoder().encode(piece) } };
        position += 1;
      } else {
        const calls: Array<(typeof step)['call']> = [];
        while (position < steps.length && calls.length < 5) {
          const next = steps[position] as AgentScriptStep;
          if (!('call' in next)) break;
          calls.push(next.call);
          position += 1;
        }
        const invocationId = this.#id('inv-');
        this.#turns.set(key, { position, invocationId, input: text, results });
        yield {
          returnControl: {
            invocationId,
            invocationInputs: calls.map((c) => ({
              functionInvocationInput: {
                actionGroup: c.actionGroup,
                function: c.function,
                actionInvocationType: 'RESULT',
                parameters: Object.entries(c.parameters ?? {}).map(([name, value]) => ({
                  name,
                  type: paramType(value),
                  value: String(value),
                })),
              },
            })),
          },
        };
        return;
      }
    }
    const memoryId = typeof input.memoryId === 'string' ? input.memoryId : undefined;
    if (memoryId && input.endSession === true) {
      const list = this.#memories.get(`${agentId}|${aliasId}|${memoryId}`) ?? [];
      const now = new Date();
      list.push({
        memoryId,
        sessionId,
        summaryText: `Emulated summary of session ${sessionId}: ${text}`,
        sessionStartTime: now.toISOString(),
        sessionExpiryTime: new Date(now.getTime() + 30 * 24 * 3600 * 1000).toISOString(),
      });
      this.#memories.set(`${agentId}|${aliasId}|${memoryId}`, list);
    }
  }

  /** GetAgentMemory's page of session summaries. */
  memory(agentId: string, aliasId: string, memoryId: string, maxItems: number, token?: string) {
    const list = this.#memories.get(`${agentId}|${aliasId}|${memoryId}`) ?? [];
    const offset = token ? Number.parseInt(token, 10) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new EmulatorError('ValidationException', 'nextToken is not valid');
    }
    const page = list.slice(offset, offset + maxItems);
    return {
      memoryContents: page.map((s) => ({ sessionSummary: s })),
      ...(offset + maxItems < list.length ? { nextToken: String(offset + maxItems) } : {}),
    };
  }

  deleteMemory(agentId: string, aliasId: string, memoryId?: string, sessionId?: string): void {
    for (const [key, list] of this.#memories) {
      if (!key.startsWith(`${agentId}|${aliasId}|`)) continue;
      if (memoryId && key !== `${agentId}|${aliasId}|${memoryId}`) continue;
      const kept = sessionId ? list.filter((s) => s.sessionId !== sessionId) : [];
      this.#memories.set(key, kept);
    }
  }

  /** The output stream members of one InvokeFlow call. */
  flow(flowId: string, input: Record<string, unknown>) {
    const inputs = Array.isArray(input.inputs) ? input.inputs : [];
    const first = isRecord(inputs[0]) ? inputs[0] : {};
    const document = isRecord(first.content) ? first.content.document : undefined;
    let executionId = typeof input.executionId === 'string' ? input.executionId : undefined;
    let position = 0;
    const received: unknown[] = [];
    if (executionId) {
      const pending = this.#executions.get(executionId);
      if (!pending || pending.flowId !== flowId) {
        throw new EmulatorError(
          'ResourceNotFoundException',
          `no flow execution ${executionId} waits for input`,
        );
      }
      this.#executions.delete(executionId);
      position = pending.position;
      received.push(...pending.inputs);
    } else {
      executionId = this.#id('exec-');
    }
    received.push(document);
    const script = this.flows.get(flowId) ?? {
      steps: [{ output: (doc: unknown) => doc, nodeName: 'FlowOutputNode' }],
    };
    const id = executionId;
    const executions = this.#executions;
    const events = (async function* () {
      const steps = script.steps;
      while (position < steps.length) {
        const step = steps[position] as FlowScriptStep;
        position += 1;
        if ('waitMs' in step) {
          await pause(step.waitMs);
        } else if ('askInput' in step) {
          executions.set(id, { flowId, position, inputs: received });
          yield {
            flowMultiTurnInputRequestEvent: {
              nodeName: step.askInput.nodeName,
              nodeType: 'FlowInputNode',
              content: { document: step.askInput.content ?? 'More input is needed' },
            },
          };
          yield { flowCompletionEvent: { completionReason: 'INPUT_REQUIRED' } };
          return;
        } else {
          const out =
            typeof step.output === 'function'
              ? (step.output as (d: unknown) => unknown)(received.at(-1))
              : step.output;
          yield {
            flowOutputEvent: {
              nodeName: step.nodeName ?? 'FlowOutputNode',
              nodeType: 'FlowOutputNode',
              content: { document: out },
            },
          };
        }
      }
      yield { flowCompletionEvent: { completionReason: 'SUCCESS' } };
    })();
    return { executionId: id, responseStream: events };
  }
}
