import type {
  FlowResponseStream,
  InvokeFlowCommandInput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { abortErrorFrom } from '../core/internal/abort';
import { IdleTimeout, within } from '../core/internal/idle';
import { type Deferred, midStreamError } from '../core/result-stream';
import { StreamError, ValidationError } from '../errors';
import { AGENT_RUNTIME } from './agent-runtime';
import { FLOW_ALIAS_ID, FLOW_ID, NODE_NAME } from './limits';
import type { FlowEvent, FlowOptions, FlowRef, FlowResult } from './types';

const SITE = { service: 'bedrock-agent-runtime', operation: 'InvokeFlow' } as const;

/** The InvokeFlow request, checked. @internal */
export function flowRequest(
  flow: FlowRef,
  input: unknown,
  options: FlowOptions,
): InvokeFlowCommandInput {
  const { id, aliasId } = (typeof flow === 'object' && flow !== null ? flow : {}) as {
    id?: unknown;
    aliasId?: unknown;
  };
  if (
    typeof id !== 'string' ||
    !FLOW_ID.test(id) ||
    typeof aliasId !== 'string' ||
    !FLOW_ALIAS_ID.test(aliasId)
  ) {
    throw new ValidationError(
      'flow must be { id, aliasId }: a 10-character flow id (or ARN) and an alias id (or ARN)',
    );
  }
  if (input === undefined)
    throw new ValidationError('input is required: the content sent to the flow');
  const executionId = options.executionId as unknown;
  if (
    executionId !== undefined &&
    (typeof executionId !== 'string' || !/^[0-9a-zA-Z._:-]{1,100}$/.test(executionId))
  ) {
    // AWS's FlowExecutionId: up to 100 of letters, digits and . _ : - (the id a previous call returned).
    throw new ValidationError(
      'executionId must be the id a previous flow call returned (letters, digits, . _ : -)',
    );
  }
  if (options.trace !== undefined && typeof options.trace !== 'boolean') {
    throw new ValidationError(`trace must be true or false, got ${typeof options.trace}`);
  }
  const nodeName = options.nodeName ?? 'FlowInputNode';
  for (const [label, value] of [
    ['nodeName', nodeName],
    ['nodeOutputName', options.nodeOutputName],
    ['nodeInputName', options.nodeInputName],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || !NODE_NAME.test(value))) {
      throw new ValidationError(
        `${label} must start with a letter and hold letters, digits and single underscores (at most 100)`,
      );
    }
  }
  const target =
    options.nodeInputName !== undefined
      ? { nodeInputName: options.nodeInputName }
      : { nodeOutputName: options.nodeOutputName ?? 'document' };
  return {
    flowIdentifier: flow.id,
    flowAliasIdentifier: flow.aliasId,
    inputs: [{ nodeName, ...target, content: { document: input as never } }],
    ...(options.executionId ? { executionId: options.executionId } : {}),
    ...(options.trace ? { enableTrace: true } : {}),
  };
}

function textOf(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

/** The events of one InvokeFlow call, loaded on first read; resolves `final`. @internal */
export async function* flowEvents(
  ctx: ModuleContext,
  flow: FlowRef,
  input: unknown,
  options: FlowOptions,
  idleMs: number,
  final: Deferred<FlowResult>,
  signal: AbortSignal,
): AsyncGenerator<FlowEvent> {
  const request = flowRequest(flow, input, options);
  const attempt = new AbortController();
  const stop = (): void => attempt.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const outputs: FlowResult['outputs'] = [];
  let completionReason: string | undefined;
  let inputRequest: FlowResult['inputRequest'];
  try {
    const out = await within(
      callAws(
        ctx,
        AGENT_RUNTIME,
        SITE.operation,
        ({ client, sdk, signal: s }) =>
          client.send(new sdk.InvokeFlowCommand(request), { abortSignal: s }),
        { ...options, signal: attempt.signal },
      ),
      idleMs,
      () => attempt.abort(),
    );
    const executionId = out.executionId ?? options.executionId;
    const events: AsyncIterator<FlowResponseStream> | undefined =
      out.responseStream?.[Symbol.asyncIterator]();
    while (events) {
      let next: IteratorResult<FlowResponseStream>;
      try {
        next = await within(events.next(), idleMs, () => attempt.abort());
      } catch (err) {
        if (signal.aborted) throw abortErrorFrom(signal.reason);
        throw midStreamError(err, SITE);
      }
      if (next.done) break;
      const event = next.value;
      if (event.flowOutputEvent) {
        const e = event.flowOutputEvent;
        const content = e.content?.document;
        outputs.push({ nodeName: e.nodeName ?? '', content });
        yield { type: 'output', nodeName: e.nodeName ?? '', nodeType: e.nodeType, content };
      } else if (event.flowMultiTurnInputRequestEvent) {
        const e = event.flowMultiTurnInputRequestEvent;
        const content = e.content?.document;
        inputRequest = { nodeName: e.nodeName ?? '', content };
        yield {
          type: 'input-required',
          nodeName: e.nodeName ?? '',
          nodeType: e.nodeType,
          content,
          executionId,
        };
      } else if (event.flowCompletionEvent) {
        completionReason = event.flowCompletionEvent.completionReason;
        yield { type: 'completion', reason: completionReason ?? '' };
      } else if (event.flowTraceEvent) {
        yield { type: 'trace', trace: event.flowTraceEvent.trace };
      }
    }
    if (signal.aborted) throw abortErrorFrom(signal.reason);
    if (completionReason === undefined) {
      throw new StreamError(
        'bedrock-agent-runtime InvokeFlow ended before its completion event: the flow output is incomplete (mid-stream)',
        { ...SITE, code: 'StreamTruncated', retryable: true },
      );
    }
    final.resolve({
      text: outputs.map((o) => textOf(o.content)).join('\n'),
      outputs,
      completionReason,
      executionId,
      inputRequest,
    });
  } catch (err) {
    if (signal.aborted) throw abortErrorFrom(signal.reason);
    throw err instanceof IdleTimeout ? midStreamError(err, SITE) : err;
  } finally {
    signal.removeEventListener('abort', stop);
    attempt.abort();
  }
}
