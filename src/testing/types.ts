import type { ServiceName } from '../errors';

/** A request as a handler sees it: AWS-shaped members (PascalCase, camelCase for Bedrock). */
export type EmulatorInput = Record<string, unknown>;

/** What a handler learns about the request besides its input. */
export interface HandlerContext {
  /** The service the request was for. */
  readonly service: ServiceName;
  /** The AWS operation name, e.g. `Converse`. */
  readonly operation: string;
  /** The `x-amzn-requestid` the emulator answers with. */
  readonly requestId: string;
  /** Request headers, lower-cased names (HTTP/2 pseudo-headers left out). */
  readonly headers: Readonly<Record<string, string>>;
  /** `1.1` or `2.0`: the HTTP version the client spoke. */
  readonly httpVersion: string;
}

/**
 * Answers one operation. Returns the AWS-shaped output; streaming operations return an
 * `AsyncIterable` of SDK-shaped events (or an output object whose stream member is one).
 * Throw {@link Emulator.error} to answer with an AWS error.
 */
export type Handler<I = EmulatorInput> = (input: I, ctx: HandlerContext) => unknown;

/** One request the emulator received. */
export interface EmulatorCall {
  /** The service the request was for. */
  readonly service: ServiceName;
  /** The AWS operation name. */
  readonly operation: string;
  /** The input as the handler saw it (streaming inputs hold the live `AsyncIterable`). */
  input: EmulatorInput;
  /** The `x-amzn-requestid` the emulator answered with. */
  readonly requestId: string;
  /** `1.1` or `2.0`. */
  readonly httpVersion: string;
}

/** The kinds of trouble {@link Emulator.fault} can inject. */
export type FaultKind =
  | 'throttle'
  | 'server-error'
  | 'reset'
  | 'delay'
  | 'malformed'
  | 'stream-error';

/** Which requests a fault applies to and what it does to them. */
export interface FaultRule {
  /** Only requests to this service; all services when left out. */
  service?: ServiceName;
  /** Only this operation; all operations when left out. */
  operation?: string;
  /** What goes wrong. */
  kind: FaultKind;
  /** Apply to the next N matching requests only. Without `times` and `rate`: every request. */
  times?: number;
  /** Probability (0..1) of hitting a matching request, drawn from a seeded PRNG. */
  rate?: number;
  /** For `delay`: how long to wait before answering (default 100 ms). */
  delayMs?: number;
  /** Error code overriding the service's throttling / server error / stream exception code. */
  code?: string;
  /** HTTP status overriding the default of the fault's error. */
  status?: number;
  /**
   * For `stream-error`: events sent before the exception (default 1). For `reset` on a streaming
   * operation: events sent before the connection is dropped (without it, nothing is answered).
   */
  afterEvents?: number;
  /**
   * For `reset` on an operation that answers one body (not an event stream): the handler runs, its
   * answer's status and headers and the first `afterBytes` bytes of its body are sent, then the
   * connection drops (a body cut mid-way). Without it, nothing is answered.
   */
  afterBytes?: number;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Region put into {@link Emulator.config} (default `us-east-1`). */
  region?: string;
  /** Port to listen on (default: a random free port). */
  port?: number;
  /**
   * Address to listen on (default `127.0.0.1`, loopback only). The emulator accepts any
   * credentials, so bind another address (`0.0.0.0` in a container) only on a network you trust.
   */
  host?: string;
  /**
   * Seed of the PRNG that decides which requests a fault with a `rate` hits (default `0x5eed`); the
   * same seed and the same requests give the same faults. {@link Emulator.reset} reseeds it.
   */
  seed?: number;
  /**
   * Keep every request in {@link Emulator.calls} (default `true`). Each record holds the decoded
   * input, request bodies included, for the emulator's lifetime; a load test or benchmark that sends
   * many large bodies turns this off so that memory and garbage collection stay flat. Handlers and
   * faults work the same either way.
   */
  recordCalls?: boolean;
  /**
   * Largest object a PutObject may store, in bytes (default 512 MiB). The emulator holds S3 objects
   * in memory, so it refuses bigger bodies with S3's `EntityTooLarge` while they arrive; S3's own
   * single-PUT maximum is 5 GiB.
   */
  s3MaxObjectBytes?: number;
  /**
   * How long one Bedrock InvokeModelWithBidirectionalStream (Nova Sonic) connection may last, in ms
   * (default AWS's 8 minutes); after it the emulator ends the connection with a
   * `ValidationException`. Tests shorten it to show a client renewing its connection.
   */
  sonicConnectionLimitMs?: number;
}

/** Client configuration pointing at the emulator; plain data, spreadable into SDK client configs. */
export interface EmulatorConfig {
  readonly region: string;
  readonly endpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}
