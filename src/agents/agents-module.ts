import type { RequestOptions } from '../config';
import { validateTimeout } from '../config';
import { checkRequestOptions } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { Deferred, settlingSource } from '../core/final-reader';
import type { StreamSite } from '../core/internal/idle';
import { validateIdle } from '../core/internal/idle';
import { withSite } from '../core/internal/name-failure';
import { ResultStream } from '../core/result-stream';
import { ServiceModule } from '../core/service-module';
import { AwsAIStream } from '../core/stream';
import { AwsAIError, type ServiceName } from '../errors';
import { DEFAULT_AGENT_IDLE_MS } from './limits';
// Operation code loads on first use: importing the module class must stay cheap.
import { loadImpl as impl } from './load-impl';
import type {
  AgentEvent,
  AgentFinalMessage,
  AgentMemorySession,
  AgentRef,
  AgentStreamOptions,
  EndSessionResult,
  FlowEvent,
  FlowOptions,
  FlowRef,
  FlowResult,
  GetMemoryOptions,
  InlineAgent,
  InvokeAgentOptions,
} from './types';

/** The stream {@link Agents.invoke} and {@link Agents.invokeInline} return. */
export type AgentStream = ResultStream<AgentEvent, AgentFinalMessage>;
/** The stream {@link Agents.flow} returns. */
export type FlowStream = ResultStream<FlowEvent, FlowResult>;

/**
 * The events of a stream's source, with anything that is not an `AwsAIError` (a defect of ours or
 * of a dependency) turned into one naming the operation, as `runCall` does for the other methods.
 * @internal
 */
async function* typedEvents<E>(
  events: AsyncGenerator<E>,
  site: { service: ServiceName; operation: string },
): AsyncGenerator<E> {
  try {
    yield* events;
  } catch (err) {
    if (AwsAIError.isInstance(err)) throw err;
    // Named by its kind only, without it as `cause`: its message may quote the input.
    throw new AwsAIError(
      `${site.service} ${site.operation} failed: unexpected ${err instanceof Error ? err.name : `${typeof err} thrown`}`,
      { ...site, code: 'InternalError' },
    );
  }
}

/**
 * A {@link ResultStream} whose source loads the operation code and starts on first read, with the
 * whole stream's deadline (`timeoutMs`) and caller signal; the idle timeout is the source's.
 * `method` names its span (`aws-ai.<method>`), opened at the first read.
 */
function lazyStream<E extends { type: string }, F extends { text: string }>(
  ctx: ModuleContext,
  options: (RequestOptions & { idleTimeoutMs?: number | undefined }) | undefined,
  site: StreamSite & { method: string },
  source: (final: Deferred<F>, signal: AbortSignal, idleMs: number) => AsyncGenerator<E>,
): ResultStream<E, F> {
  const { service, operation } = site;
  // The checks throw at once, named after the call like any failure of it.
  return withSite({ service, operation }, () => {
    checkRequestOptions(options);
    const idleMs = validateIdle(options?.idleTimeoutMs, DEFAULT_AGENT_IDLE_MS);
    if (options?.timeoutMs !== undefined) validateTimeout(options.timeoutMs, 'options.timeoutMs');
    const final = new Deferred<F>();
    const inner = AwsAIStream.from<E>(
      settlingSource(final, (signal) =>
        typedEvents(source(final, signal, idleMs), { service, operation }),
      ),
      {
        signal: options?.signal,
        timeoutMs: options?.timeoutMs ?? ctx.config.timeoutMs,
        site: { service, operation },
        telemetry: { enabled: ctx.config.telemetry, method: site.method },
      },
    );
    return new ResultStream(inner, final);
  });
}

/**
 * Amazon Bedrock Agents and Flows (Bedrock Agent Runtime): `invoke` an agent alias or
 * `invokeInline` an agent defined at call time, with typed traces and return of control run by
 * local functions; `flow` for Bedrock Flows; agent memory and sessions. Agent turns and flows may
 * run for minutes: only `timeoutMs` (the whole call) and `idleTimeoutMs` (default 5 minutes
 * between events) end them, never the HTTP handler's own socket timeout. Available as
 * `ai.agents`, or alone from `aws-ai/agents`.
 *
 * @example
 * ```ts
 * import { Agents } from 'aws-ai/agents';
 * const agents = new Agents({ region: 'us-east-1' });
 * const answer = await agents.invoke({ id: 'AGENT12345', aliasId: 'TSTALIASID' }, 'Hi!').text;
 * ```
 */
export class Agents extends ServiceModule {
  /**
   * Invokes an agent alias (InvokeAgent) and streams its turn: `text-delta`, `citation`, `trace`
   * (typed by kind: rationale, model input/output, invocation input, observation, guardrail,
   * failure; with `trace: true`), `files` and `return-control` events. When the agent returns
   * control and `tools[actionGroup][function].execute` exists for every requested function, they
   * run here, `tool-result` events follow, and the same turn continues with their results until
   * the agent answers or `maxSteps` calls were made. Without `execute`, or when a call waits for
   * the user's confirmation (`invocationType` `USER_CONFIRMATION…`), the stream ends at the
   * return of control, with the requested calls in `finalMessage().returnControl`.
   *
   * @throws ValidationError synchronously for bad `timeoutMs`/`idleTimeoutMs`; bad input (agent
   *   ids, session or memory id, empty input) rejects the first read, before any request
   * @example
   * ```ts
   * const stream = ai.agents.invoke({ id: 'AGENT12345', aliasId: 'TSTALIASID' }, 'Weather in Paris?', {
   *   tools: { weather: { forecast: { execute: ({ city }) => `Sunny in ${city}` } } },
   *   trace: true,
   * });
   * for await (const event of stream) {
   *   if (event.type === 'trace' && event.trace.kind === 'rationale') console.log(event.trace.text);
   *   if (event.type === 'text-delta') process.stdout.write(event.text);
   * }
   * ```
   */
  invoke(agent: AgentRef, input: string, options: InvokeAgentOptions = {}): AgentStream {
    const ctx = this.ctx;
    return lazyStream(
      ctx,
      options,
      { service: 'bedrock-agent-runtime', operation: 'InvokeAgent', method: 'agents.invoke' },
      async function* (final, signal, idleMs) {
        const op = await impl();
        yield* op.agentEvents(ctx, { kind: 'agent', agent, options }, input, idleMs, final, signal);
      },
    );
  }

  /**
   * Invokes an agent defined at call time (InvokeInlineAgent): model, instruction, action groups
   * whose functions run locally (return of control; each function's `execute`), knowledge bases,
   * guardrail. Same events and tool loop as {@link invoke}.
   *
   * @throws ValidationError synchronously for bad `timeoutMs`/`idleTimeoutMs`; an instruction under
   *   40 characters, bad names or descriptions reject the first read, before any request
   * @example
   * ```ts
   * const answer = await ai.agents.invokeInline(
   *   {
   *     model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
   *     instruction: 'You answer questions about orders. Use the tools to look orders up.',
   *     actionGroups: [{
   *       name: 'orders',
   *       functions: {
   *         status: {
   *           description: 'Status of an order',
   *           parameters: { orderId: { type: 'string', required: true } },
   *           execute: ({ orderId }) => ({ orderId, status: 'shipped' }),
   *         },
   *       },
   *     }],
   *   },
   *   'Where is order 42?',
   * ).text;
   * ```
   */
  invokeInline(agent: InlineAgent, input: string, options: AgentStreamOptions = {}): AgentStream {
    const ctx = this.ctx;
    return lazyStream(
      ctx,
      options,
      {
        service: 'bedrock-agent-runtime',
        operation: 'InvokeInlineAgent',
        method: 'agents.invokeInline',
      },
      async function* (final, signal, idleMs) {
        const op = await impl();
        yield* op.agentEvents(
          ctx,
          { kind: 'inline', agent, options },
          input,
          idleMs,
          final,
          signal,
        );
      },
    );
  }

  /**
   * Invokes a flow alias (InvokeFlow) with one input: `output` events per output node, `trace`
   * events (with `trace: true`), an `input-required` event when a node asks for more (answer it by
   * calling `flow` again with `executionId`, `nodeName` and `nodeInputName`), and a `completion`
   * event. `finalMessage()` has the outputs, `text` (their contents joined), the completion
   * reason and the execution id. A stream without its completion event ends with a
   * `StreamError` (code `StreamTruncated`).
   *
   * @throws ValidationError synchronously for bad `timeoutMs`/`idleTimeoutMs`; bad flow ids or
   *   node names reject the first read, before any request
   * @example
   * ```ts
   * const result = await ai.agents
   *   .flow({ id: 'FLOW123456', aliasId: 'ALIAS12345' }, 'Summarize: ...')
   *   .finalMessage();
   * if (result.completionReason === 'INPUT_REQUIRED') {
   *   await ai.agents.flow({ id: 'FLOW123456', aliasId: 'ALIAS12345' }, 'yes', {
   *     executionId: result.executionId,
   *     nodeName: result.inputRequest?.nodeName,
   *     nodeInputName: 'agentInputText',
   *   }).text;
   * }
   * ```
   */
  flow(flow: FlowRef, input: unknown, options: FlowOptions = {}): FlowStream {
    const ctx = this.ctx;
    return lazyStream(
      ctx,
      options,
      { service: 'bedrock-agent-runtime', operation: 'InvokeFlow', method: 'agents.flow' },
      async function* (final, signal, idleMs) {
        const op = await impl();
        yield* op.flowEvents(ctx, flow, input, options, idleMs, final, signal);
      },
    );
  }

  /**
   * The session summaries of an agent's long-term memory (GetAgentMemory, every page).
   *
   * @throws ValidationError for bad agent or memory ids
   * @example
   * ```ts
   * const sessions = await ai.agents.getMemory({ id: 'AGENT12345', aliasId: 'ALIAS12345' }, 'user-42');
   * console.log(sessions.map((s) => s.summaryText));
   * ```
   */
  async getMemory(
    agent: AgentRef,
    memoryId: string,
    options?: GetMemoryOptions,
  ): Promise<AgentMemorySession[]> {
    return this.call(
      { service: 'bedrock-agent-runtime', operation: 'GetAgentMemory' },
      options,
      async (scoped) => (await impl()).getMemory(this.ctx, agent, memoryId, scoped),
    );
  }

  /**
   * Deletes an agent's memory (DeleteAgentMemory): one memory id, one session of it, or all.
   *
   * @throws ValidationError for bad agent, memory or session ids
   * @example
   * ```ts
   * await ai.agents.deleteMemory({ id: 'AGENT12345', aliasId: 'ALIAS12345' }, { memoryId: 'user-42' });
   * ```
   */
  async deleteMemory(
    agent: AgentRef,
    which: { memoryId?: string | undefined; sessionId?: string | undefined } = {},
    options?: RequestOptions,
  ): Promise<void> {
    return this.call(
      { service: 'bedrock-agent-runtime', operation: 'DeleteAgentMemory' },
      options,
      async (scoped) => (await impl()).deleteMemory(this.ctx, agent, which, scoped),
    );
  }

  /**
   * Ends a session of Bedrock's session management API (EndSession). To end an agent's
   * conversation instead, pass `endSession: true` to {@link invoke}.
   *
   * @throws ValidationError unless the identifier is a session UUID or ARN
   * @example
   * ```ts
   * const { status } = await ai.agents.endSession('3f0a9c2e-1b6d-4f3a-9d3e-2c1b0a9f8e7d');
   * ```
   */
  async endSession(sessionIdentifier: string, options?: RequestOptions): Promise<EndSessionResult> {
    return this.call(
      { service: 'bedrock-agent-runtime', operation: 'EndSession' },
      options,
      async (scoped) => (await impl()).endSession(this.ctx, sessionIdentifier, scoped),
    );
  }
}
