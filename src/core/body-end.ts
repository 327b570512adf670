import { ServiceError, type ServiceName } from '../errors';

/**
 * Cut answers, checked at two depths:
 *
 * - **Every SDK client core creates** (`getService`, client-cache.ts) carries {@link refuseCutAnswers}:
 *   once the SDK has deserialized an answer it read whole (JSON, XML, a blob such as InvokeModel's
 *   or SageMaker InvokeEndpoint's bytes), a body that was cut is a retryable `ServiceError`
 *   (`StreamInterrupted`), thrown inside the attempt. It leaves alone the bodies the SDK hands over
 *   unread (Polly `AudioStream`, S3 `GetObject` `Body`, Lex audio, event streams): those are read by
 *   our code later, outside the SDK.
 * - **Our code reading such a body** uses {@link readWholeBody} (Polly synthesize, Lex audio, S3
 *   objects read whole in core.staging `readObject`) or checks {@link endedEarly} once it has read to
 *   the end (streams relayed as they arrive, core.object-lines `objectLines`).
 *
 * A client injected through `config.clients` is the caller's: its own stack is left as it is, and
 * {@link withCutCheck} adds the check to each command aws-ai sends through it instead.
 */

const STREAM_INTERRUPTED = 'StreamInterrupted';

/** What Node's streams say about how a body ended (`node:http` IncomingMessage, `node:http2` stream). */
interface BodyState {
  rstCode?: unknown;
  complete?: unknown;
  readableEnded?: unknown;
  errored?: unknown;
}

function stateOf(body: unknown): BodyState | undefined {
  return typeof body === 'object' && body !== null ? (body as BodyState) : undefined;
}

function isAbort(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError'
  );
}

/**
 * Whether an answer's body stopped before its end, asked by code that has just read it to the end
 * (or failed reading it). Node ends an HTTP/2 response whose connection dropped as if it were
 * complete: reading it just stops (for-await ends, `transformToByteArray()` resolves with the bytes
 * so far). What tells a cut answer from a whole one is the stream's state: an HTTP/2 stream closed
 * with an error code (`rstCode`, e.g. `NGHTTP2_CANCEL` when the connection went away), an HTTP/1.1
 * message that is not `complete`, or a stream whose end was never emitted (`readableEnded` false).
 * A body that is no Node stream (a web `ReadableStream`) reports errors itself and is never "cut"
 * here.
 *
 * Only for a body that was read: a stream nobody read yet has not ended either. The SDK-level check
 * ({@link cutAfterRead}) uses a stricter rule that is safe on unread bodies. @internal
 */
export function endedEarly(body: unknown): boolean {
  const state = stateOf(body);
  if (!state) return false;
  if (typeof state.rstCode === 'number' && state.rstCode !== 0) return true;
  return state.complete === false || state.readableEnded === false;
}

/**
 * Whether a body the SDK read to its (apparent) end was cut, and `false` for a body nobody read yet
 * (an unread Node stream has `readableEnded` false and, over HTTP/1.1, `complete` false). Measured
 * with the emulator's `reset` fault (`afterBytes`): over HTTP/2 a cut body ends normally
 * (`readableEnded` true) with `rstCode` 8 (`NGHTTP2_CANCEL`), a whole one with `rstCode` 0; over
 * HTTP/1.1 a whole body is `complete`. @internal
 */
export function cutAfterRead(body: unknown): boolean {
  const state = stateOf(body);
  if (state?.readableEnded !== true) return false;
  return (typeof state.rstCode === 'number' && state.rstCode !== 0) || state.complete === false;
}

/**
 * Whether reading a body failed because its connection dropped mid-body: over HTTP/1.1 Node fails
 * the read (`ECONNRESET`, "aborted") and leaves the message not `complete`; over HTTP/2 a stream
 * reset with an error code fails it. Our own abort is not a cut. @internal
 */
function failedMidBody(body: unknown, err: unknown): boolean {
  const state = stateOf(body);
  if (!state || isAbort(err) || isAbort(state.errored)) return false;
  if (cutAfterRead(body)) return true;
  if (state.errored === null || state.errored === undefined) return false;
  return state.complete === false || (typeof state.rstCode === 'number' && state.rstCode !== 0);
}

/** The error for a cut answer: retryable, naming where, never quoting the bytes. */
function interrupted(
  site: { service: ServiceName; operation: string },
  detail: string,
  extra: { requestId?: string | undefined; statusCode?: number | undefined; cause?: unknown } = {},
): ServiceError {
  return new ServiceError(`${site.service} ${site.operation}: ${detail}`, {
    ...site,
    ...extra,
    code: STREAM_INTERRUPTED,
    retryable: true,
  });
}

/**
 * A response body read whole, inside the request attempt: a body whose connection dropped mid-way
 * (see {@link endedEarly}) is a retryable `ServiceError` (code `StreamInterrupted`), so the call
 * layer retries it within its budget, never a cut-off answer returned as complete. This is the
 * depth for bodies the SDK hands over unread (Polly audio, Lex audio, S3 objects): the client's
 * {@link refuseCutAnswers} leaves those alone.
 * @internal
 */
export async function readWholeBody(
  body: { transformToByteArray(): Promise<Uint8Array> },
  site: { service: ServiceName; operation: string },
  what = 'answer',
): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await body.transformToByteArray();
  } catch (err) {
    // HTTP/1.1: Node fails the read instead of ending it. A cut all the same, typed as one.
    if (failedMidBody(body, err)) {
      throw interrupted(site, `the ${what} was cut, the connection dropped before its end`, {
        cause: (stateOf(body)?.errored as Error | undefined) ?? err,
      });
    }
    throw err;
  }
  if (endedEarly(body)) {
    throw interrupted(
      site,
      `the ${what} was cut, the connection dropped after ${bytes.length} bytes`,
    );
  }
  return bytes;
}

/**
 * The error for a body read in pieces (S3 object lines) that failed or stopped early, or
 * `undefined` when it ended whole / failed for another reason. @internal
 */
export function cutBodyError(
  body: unknown,
  site: { service: ServiceName; operation: string },
  err?: unknown,
): ServiceError | undefined {
  const cut = err === undefined ? endedEarly(body) : failedMidBody(body, err);
  if (!cut) return undefined;
  return interrupted(site, 'the answer was cut, the connection dropped before its end', {
    ...(err === undefined ? {} : { cause: (stateOf(body)?.errored as Error | undefined) ?? err }),
  });
}

/** The middleware stack of an SDK client, as far as {@link refuseCutAnswers} uses it. */
interface MiddlewareStackLike {
  add(
    middleware: (
      next: (args: unknown) => Promise<{ output?: unknown; response?: unknown }>,
      context: { commandName?: string },
    ) => (args: unknown) => Promise<{ output?: unknown; response?: unknown }>,
    options: { step: 'build'; name: string; override?: boolean },
  ): void;
}

interface ResponseLike {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

function requestIdOf(response: ResponseLike | undefined): string | undefined {
  const headers = response?.headers ?? {};
  return headers['x-amzn-requestid'] ?? headers['x-amz-request-id'] ?? undefined;
}

/**
 * Adds the cut-answer check to an SDK client core created: after the SDK deserialized an answer it
 * read whole, a body whose connection dropped mid-way ({@link cutAfterRead}, or a read that failed
 * mid-body) is a retryable `ServiceError` (`StreamInterrupted`) naming the service and operation
 * (`commandName` without `Command`), thrown inside the attempt so the call layer retries it within
 * its one budget. Bodies the SDK did not read (streaming outputs) pass untouched. A client without a
 * middleware stack (a test double) is left as it is. @internal
 */
export function refuseCutAnswers(client: unknown, service: ServiceName): void {
  const stack = (client as { middlewareStack?: Partial<MiddlewareStackLike> } | null)
    ?.middlewareStack;
  if (typeof stack?.add !== 'function') return;
  (stack as MiddlewareStackLike).add(
    (next, context) => async (args) => {
      const site = {
        service,
        operation: (context.commandName ?? 'Unknown').replace(/Command$/, ''),
      };
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(args);
      } catch (err) {
        // The SDK failed reading or parsing a cut body (ECONNRESET over HTTP/1.1, a JSON
        // SyntaxError over HTTP/2): say what happened. The parser's message may quote the bytes.
        const response = (err as { $response?: ResponseLike } | null)?.$response;
        if (response && failedMidBody(response.body, err)) {
          const errored = stateOf(response.body)?.errored;
          throw interrupted(site, 'the answer was cut, the connection dropped before its end', {
            requestId: requestIdOf(response),
            statusCode: response.statusCode,
            ...(errored instanceof Error ? { cause: errored } : {}),
          });
        }
        throw err;
      }
      const response = result.response as ResponseLike | undefined;
      if (cutAfterRead(response?.body)) {
        throw interrupted(site, 'the answer was cut, the connection dropped before its end', {
          requestId: requestIdOf(response),
          statusCode: response?.statusCode,
        });
      }
      return result;
    },
    { step: 'build', name: 'awsAiRefuseCutAnswers', override: true },
  );
}

/**
 * A client injected through `config.clients`, seen through a view whose `send` adds
 * {@link refuseCutAnswers} to each command aws-ai sends (a command has its own middleware stack):
 * our calls get the same check as on the clients core makes, and the caller's client, its stack and
 * the caller's own calls stay untouched. Everything else reads through to the client. @internal
 */
export function withCutCheck<C>(client: C, service: ServiceName): C {
  type Sender = { send(command: unknown, ...rest: unknown[]): unknown };
  if (typeof (client as Partial<Sender> | null)?.send !== 'function') return client;
  return Object.create(client as object, {
    send: {
      // The client's `send` looked up at each call: a spy or wrapper set later still sees it.
      value: (command: unknown, ...rest: unknown[]) => {
        refuseCutAnswers(command, service);
        return (client as Sender).send(command, ...rest);
      },
    },
  }) as C;
}
