import type {
  ContentBlock,
  ConverseStreamCommandInput,
  ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { type RequestOptions, retryFor } from '../config';
import { callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { type ErrorSite, fromAwsError } from '../core/error-mapping';
import { abortErrorFrom, sleep } from '../core/internal/abort';
import { AwsAIError, StreamError } from '../errors';
import { BEDROCK } from './bedrock';
import { toBedrockBlock } from './content';
import { buildConverseRequest } from './converse-input';
import type { Deferred } from './generative-stream';
import { IdleTimeout, idleTimeoutError, within } from './idle';
import { DEFAULT_MAX_STEPS } from './limits';
import { MediaBudget } from './media';
import { explainModelError } from './model-errors';
import { StreamAccumulator } from './stream-accumulator';
import type { StreamSettings } from './stream-options';
import { canRunTools, runTools, toolResultMessage } from './tool-runner';
import type {
  GenerateParams,
  GenerateStreamOptions,
  GenerativeContentPart,
  GenerativeFinalMessage,
  GenerativeMessage,
  GenerativeStreamEvent,
} from './types';
import { addUsage, emptyUsage } from './usage';

const SITE: ErrorSite = { service: 'bedrock-runtime', operation: 'ConverseStream' };

/** Bedrock sends these inside the stream; a new attempt may well succeed. */
const RETRYABLE_IN_STREAM = new Set([
  'ThrottlingException',
  'ModelStreamErrorException',
  'InternalServerException',
  'ServiceUnavailableException',
  'ModelNotReadyException',
]);

/**
 * An idle timeout for a sequence of waits: one timer, re-armed for each wait with `refresh()`,
 * rejecting the pending wait with {@link IdleTimeout} when it fires.
 */
function idleWatch(idleMs: number, onIdle: () => void) {
  let fail: ((err: unknown) => void) | undefined;
  const timer = setTimeout(() => {
    // Fired between waits (the reader was slow): nothing is pending, nothing to cancel.
    if (!fail) return;
    onIdle();
    fail(new IdleTimeout(idleMs));
  }, idleMs);
  return {
    race<T>(promise: Promise<T>): Promise<T> {
      timer.refresh();
      return new Promise<T>((resolve, reject) => {
        fail = reject;
        promise.then(resolve, reject);
      });
    },
    /** Between waits. */
    pause(): void {
      fail = undefined;
    },
    /** After the last wait. */
    stop(): void {
      fail = undefined;
      clearTimeout(timer);
    },
  };
}

/** A prompt ARN may come without messages: Bedrock wants the member left out, not empty. */
function withMessages(request: ConverseStreamCommandInput): ConverseStreamCommandInput {
  return request.messages?.length === 0 ? { ...request, messages: undefined } : request;
}

/** An exception event, a dropped connection or an idle stall after the response began. @internal */
export function midStreamError(err: unknown, site: ErrorSite = SITE): StreamError {
  if (err instanceof IdleTimeout) return idleTimeoutError(site, err.idleMs, err);
  if (err instanceof StreamError) return err;
  const mapped = fromAwsError(err, site);
  return new StreamError(`${mapped.message} (mid-stream)`, {
    ...site,
    code: mapped.code,
    statusCode: mapped.statusCode,
    requestId: mapped.requestId,
    retryable: mapped.retryable || RETRYABLE_IN_STREAM.has(mapped.code ?? ''),
    // The typed error (ThrottlingError, ValidationError, …) is the cause.
    cause: mapped,
  });
}

/**
 * The stream ended without its `messageStop` event (the connection closed early): the answer is
 * incomplete, so it is a retryable {@link StreamError}, never a finished message with
 * `finishReason: 'other'`.
 */
function truncated(requestId: string | undefined, site: ErrorSite = SITE): StreamError {
  return new StreamError(
    `${site.service} ${site.operation} ended before its messageStop event: the answer is incomplete (mid-stream)`,
    { ...site, code: 'StreamTruncated', retryable: true, requestId },
  );
}

type TurnMessage = Omit<GenerativeFinalMessage, 'steps' | 'responseMessages'>;

/** What every model call of one stream shares. */
interface TurnContext {
  ctx: ModuleContext;
  model: string;
  requestOptions: RequestOptions;
  settings: StreamSettings;
  signal: AbortSignal;
}

/**
 * One ConverseStream call, its events yielded as they come. Failures before the first event are
 * retried (by the core before the response, here after it); later ones end the stream with a
 * {@link StreamError}, or restart it after a `reset` event with `recover: 'restart'`. Every wait
 * (for the response, for each event) is bounded by the idle timeout. Returns the turn's message.
 */
async function* streamTurn(
  turn: TurnContext,
  request: ConverseStreamCommandInput,
): AsyncGenerator<GenerativeStreamEvent, TurnMessage> {
  const { ctx, model, requestOptions, signal } = turn;
  const { recover, maxRecoveries, idleMs } = turn.settings;
  const retry = retryFor(ctx.config, requestOptions.retry);
  const acc = new StreamAccumulator();
  let quietRetries = 0;
  let recoveries = 0;
  for (let attempt = 1; ; attempt += 1) {
    const attemptAbort = new AbortController();
    const stop = () => attemptAbort.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    let delivered = false;
    let stopWatch: (() => void) | undefined;
    try {
      const out = await within(
        callAws(
          ctx,
          BEDROCK,
          SITE.operation,
          ({ client, sdk, signal: attemptSignal }) =>
            client.send(new sdk.ConverseStreamCommand(withMessages(request)), {
              abortSignal: attemptSignal,
            }),
          { ...requestOptions, signal: attemptAbort.signal },
        ),
        idleMs,
        () => attemptAbort.abort(),
      );
      acc.requestId = out.$metadata.requestId;
      if (!out.stream) throw new StreamError('ConverseStream answered without a stream', SITE);
      const events: AsyncIterator<ConverseStreamOutput> = out.stream[Symbol.asyncIterator]();
      // One idle timer per attempt, re-armed per event (a timer per event cost ~10% of a long
      // stream's time against the raw SDK loop).
      const watch = idleWatch(idleMs, () => attemptAbort.abort());
      stopWatch = watch.stop;
      while (true) {
        let next: IteratorResult<ConverseStreamOutput>;
        try {
          next = await watch.race(events.next());
        } finally {
          watch.pause();
        }
        if (next.done) {
          // A cancelled request ends the SDK's event iterator without an error: name the cause.
          if (signal.aborted) throw abortErrorFrom(signal.reason);
          if (!acc.sawStop) throw truncated(acc.requestId);
          break;
        }
        for (const event of acc.apply(next.value)) {
          delivered = true;
          yield event;
        }
      }
      signal.removeEventListener('abort', stop);
      stopWatch?.();
      return acc.finalMessage();
    } catch (err) {
      signal.removeEventListener('abort', stop);
      stopWatch?.();
      attemptAbort.abort();
      if (signal.aborted) throw abortErrorFrom(signal.reason);
      // Before the response: the core already retried; only an idle stall is ours to name.
      // An exception as the very first frame surfaces from send() itself, through the core.
      const firstFrame = AwsAIError.isInstance(err) && err.code === 'ModelStreamErrorException';
      const failure =
        AwsAIError.isInstance(err) && !delivered && !(err instanceof StreamError) && !firstFrame
          ? explainModelError(err, ctx, model)
          : midStreamError(firstFrame ? (err as AwsAIError).cause : err);
      const retryable = AwsAIError.isInstance(failure) && failure.retryable;
      const mid = failure instanceof StreamError;
      if (retryable && mid && !delivered && quietRetries < retry.retries) {
        quietRetries += 1;
      } else if (retryable && mid && recover === 'restart' && recoveries < maxRecoveries) {
        recoveries += 1;
        acc.reset();
        yield { type: 'reset', attempt: attempt + 1, reason: failure.code ?? 'StreamError' };
      } else {
        throw failure;
      }
      ctx.config.logger?.debug(
        `aws-ai: bedrock-runtime ConverseStream attempt ${attempt} failed (${
          (failure as AwsAIError).code
        }); restarting`,
      );
      await sleep(retry.minDelayMs * 2 ** (attempt - 1) * Math.random(), signal);
    } finally {
      // Also when the reader stops early (return()): no idle timer outlives the attempt.
      stopWatch?.();
    }
  }
}

/** The assistant message of a streamed step, as Bedrock wants it replayed (blank text dropped). */
function assistantBlocks(content: readonly GenerativeContentPart[]): Promise<ContentBlock[]> {
  const media = new MediaBudget();
  return Promise.all(
    content
      .filter((part) => part.type !== 'text' || part.text.trim() !== '')
      .map((part) => toBedrockBlock(part, 'assistant message', media)),
  );
}

/**
 * The events of a stream, loaded on first read: one {@link streamTurn} per step. When the model
 * calls tools that all have `execute`, they run (errors go back to the model as error results),
 * a `tool-result` event per call and a `step-finish` event follow, and the conversation goes on
 * with another ConverseStream call, until the model stops calling tools or `maxSteps` calls were
 * made, as in `generate`. Resolves `final` with the last step's message and the summed usage.
 * @internal
 */
export async function* converseEvents(
  ctx: ModuleContext,
  params: GenerateParams,
  options: GenerateStreamOptions,
  settings: StreamSettings,
  final: Deferred<GenerativeFinalMessage>,
  signal: AbortSignal,
): AsyncGenerator<GenerativeStreamEvent> {
  const { idleTimeoutMs: _i, recover: _r, maxRecoveries: _m, ...requestOptions } = options;
  const { request, streamProcessingMode } = await buildConverseRequest(params);
  const streamRequest: ConverseStreamCommandInput = {
    ...request,
    ...(request.guardrailConfig
      ? {
          guardrailConfig: {
            ...request.guardrailConfig,
            ...(streamProcessingMode ? { streamProcessingMode } : {}),
          },
        }
      : {}),
  };
  const turn: TurnContext = { ctx, model: params.model, requestOptions, settings, signal };
  const maxSteps = params.maxSteps ?? DEFAULT_MAX_STEPS;
  const tools = params.tools ?? {};
  const messages = [...(streamRequest.messages ?? [])];
  const responseMessages: GenerativeMessage[] = [];
  let usage = emptyUsage();
  for (let step = 1; ; step += 1) {
    const message = yield* streamTurn(turn, { ...streamRequest, messages });
    usage = addUsage(usage, message.usage);
    responseMessages.push({ role: 'assistant', content: message.content });
    if (!canRunTools(message.stopReason, message.toolCalls, tools) || step >= maxSteps) {
      final.resolve({ ...message, usage, steps: step, responseMessages });
      return;
    }
    let ran: Awaited<ReturnType<typeof runTools>>;
    try {
      ran = await runTools(message.toolCalls, tools, step, signal);
    } catch (err) {
      throw signal.aborted ? abortErrorFrom(signal.reason) : err;
    }
    for (const r of ran.results) {
      yield {
        type: 'tool-result',
        step,
        id: r.id,
        name: r.name,
        output: r.output,
        isError: r.isError,
      };
    }
    yield { type: 'step-finish', step, stopReason: message.stopReason, usage: message.usage };
    messages.push(
      { role: 'assistant', content: await assistantBlocks(message.content) },
      { role: 'user', content: ran.blocks },
    );
    responseMessages.push(toolResultMessage(ran.results));
  }
}
