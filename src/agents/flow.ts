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
import { checkedInput, requestController } from './checks';
import { FLOW_ALIAS_ID, FLOW_EXECUTION_ID, FLOW_ID, NODE_NAME } from './limits';
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
  checkDocument(input);
  const executionId = options.executionId as unknown;
  if (
    executionId !== undefined &&
    (typeof executionId !== 'string' || !FLOW_EXECUTION_ID.test(executionId))
  ) {
    throw new ValidationError(
      'executionId must be the id a previous flow call returned (2-100 letters, digits, . _ : -)',
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

/**
 * Deepest nesting of a flow input. The SDK's document serializer recurses (20,000 levels overflow
 * the stack), and JSON parsers stop far earlier (Jackson, by default, at 1,000).
 */
const MAX_DOCUMENT_DEPTH = 1_000;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A key as a path names it: token keys as they are, others by length (they may be input text). */
function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]{0,63}$/.test(key) ? `.${key}` : `[key of ${key.length} characters]`;
}

/** Whether a value is a plain object (of this realm or another), not a Date, Map or class instance. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Checks that a flow input is a JSON value (AWS's Document): strings, finite numbers, booleans,
 * null, arrays and plain objects. What the SDK would change silently (NaN and Infinity sent as
 * strings, a Date as epoch seconds, a Map as `{}`, a bigint beyond 2^53 rounded) or cannot send (a
 * function, a symbol, a cycle) is refused, naming its path but never its value.
 */
function checkDocument(input: unknown): void {
  const ancestors = new Set<object>();
  const refuse = (path: string, what: string): never => {
    throw new ValidationError(
      `flow input${path} is ${what}; send a JSON value (string, finite number, boolean, null, array or plain object)`,
      { code: 'InvalidDocument' },
    );
  };
  const walk = (value: unknown, path: string, depth: number): void => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(value)) refuse(path, `${value} (JSON has no NaN or Infinity)`);
        return;
      case 'bigint':
        // Sent as a JSON number: past 2^53 it arrives rounded (2n ** 80n as 1.2089258196146292e+24).
        if (value > MAX_SAFE || value < -MAX_SAFE) {
          refuse(path, 'a bigint beyond 2^53 (it would arrive rounded); send it as a string');
        }
        return;
      case 'object':
        break;
      default:
        refuse(path, `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`);
    }
    if (value === null) return;
    const node = value as object;
    if (depth >= MAX_DOCUMENT_DEPTH)
      refuse(path, `nested deeper than ${MAX_DOCUMENT_DEPTH} levels`);
    if (ancestors.has(node)) refuse(path, 'a reference to itself (a cycle)');
    const isArray = Array.isArray(node);
    if (!isArray && !isPlainObject(node)) {
      const name = (node as { constructor?: { name?: unknown } }).constructor?.name;
      refuse(
        path,
        `a ${typeof name === 'string' && /^\w{1,64}$/.test(name) ? name : 'class instance'}`,
      );
    }
    ancestors.add(node);
    if (isArray) {
      const items = node as unknown[];
      for (let i = 0; i < items.length; i++) walk(items[i], `${path}[${i}]`, depth + 1);
    } else {
      for (const [key, item] of Object.entries(node)) {
        // Like JSON, an undefined member is left out.
        if (item !== undefined) walk(item, `${path}${keyPath(key)}`, depth + 1);
      }
    }
    ancestors.delete(node);
  };
  walk(input, '', 0);
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
  const request = checkedInput('InvokeFlow input', () => flowRequest(flow, input, options));
  // Throws when the stream was cut before its request (also while the code loaded): nothing sent.
  const { controller: attempt, unlink } = requestController(signal);
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
    unlink();
  }
}
