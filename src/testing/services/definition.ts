import type { ServiceName } from '../../errors';
import type { Handler } from '../types';

/** Wire protocols the emulator speaks. */
export type Protocol = 'aws-json' | 'rest-json' | 'rest-xml';

/** An AWS error code with the HTTP status it travels with. */
export interface ErrorSpec {
  readonly code: string;
  readonly status: number;
}

/** A service's request-body limit and the AWS error above it. */
export interface BodyLimit extends ErrorSpec {
  readonly bytes: number;
}

/** The common AWS error for a request entity over the limit (AWS API reference, Common Errors). */
export function bodyLimit(bytes: number): BodyLimit {
  return { bytes, code: 'RequestEntityTooLargeException', status: 413 };
}

/** One MiB, the margin added to every service's own maximum. */
export const MIB = 1024 * 1024;

/** How a request or response body maps to members. */
export type BodyBinding =
  /** The body is a JSON object whose keys are members. */
  | { readonly kind: 'json' }
  /** The raw body is one blob/string member. */
  | { readonly kind: 'payload'; readonly member: string; readonly contentType?: string }
  /**
   * The body is an AWS event stream held by `member`; `payloads` names, per event type, the member
   * that travels as the raw event payload (the others are JSON event bodies).
   */
  | {
      readonly kind: 'event-stream';
      readonly member: string;
      readonly payloads?: Readonly<Record<string, string>>;
    }
  /** No body. */
  | { readonly kind: 'none' };

/** Member ↔ HTTP bindings of one side of a REST operation. */
export interface HttpBinding {
  /** member → header name. */
  readonly headers?: Readonly<Record<string, string>>;
  /** map member → header prefix, e.g. S3 `Metadata` → `x-amz-meta-`. */
  readonly prefixHeaders?: Readonly<Record<string, string>>;
  /** Header members that are numbers or booleans on the wire (strings otherwise). */
  readonly headerTypes?: Readonly<Record<string, 'number' | 'boolean'>>;
  /** member → query parameter (requests only). */
  readonly query?: Readonly<Record<string, string>>;
  readonly body: BodyBinding;
}

/** One restJson1/restXml operation: where it lives and how its members bind to HTTP. */
export interface RestRoute {
  readonly operation: string;
  readonly method: string;
  /** Path template, `{Label}` or greedy `{Label+}`, as in the Smithy model. */
  readonly path: string;
  /** Query keys that must be present for this route to match (S3 sub-resources). */
  readonly queryKeys?: readonly string[];
  /** Status of a successful answer (default 200). */
  readonly status?: number;
  readonly request: HttpBinding;
  readonly response: HttpBinding & {
    /** Answer header members the output leaves out with the request's value (Transcribe echoes). */
    readonly echoHeaders?: boolean;
  };
}

/** Everything the emulator knows about one service: protocol, routes, errors, default handlers. */
export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly protocol: Protocol;
  /** SigV4 signing name, as found in the `Authorization` credential scope. */
  readonly signingName: string;
  /** awsJson1_1 `X-Amz-Target` prefix, e.g. `Comprehend_20171127`. */
  readonly targetPrefix?: string;
  /** REST operations; empty for awsJson1_1 services, whose operation is in `X-Amz-Target`. */
  readonly routes: readonly RestRoute[];
  /** Default handlers by operation name. */
  readonly handlers: Readonly<Record<string, Handler>>;
  /** Forgets what the handlers keep between requests (running jobs), on `emu.reset()`. */
  readonly reset?: () => void;
  readonly throttle: ErrorSpec;
  readonly serverError: ErrorSpec;
  /** Exception a `stream-error` fault sends by default. */
  readonly streamError?: ErrorSpec;
  /**
   * The AWS error codes each default handler may throw, by operation: a test checks them against
   * the codes AWS's service models give the operation (`test/fixtures/aws-error-codes.json`), and
   * the emulator answers a default handler's undeclared code as its own bug (the service's internal
   * error), so no test can come to rely on a code AWS does not send.
   */
  readonly errors: Readonly<Record<string, readonly string[]>>;
  /**
   * The largest request body the service takes (its model's largest member, base64-encoded where
   * the protocol is JSON) plus a margin, and the error it answers above that. Longer bodies are
   * refused while they arrive, before they are buffered. Event-stream request bodies are never
   * buffered and have no limit.
   */
  readonly maxRequestBody: BodyLimit;
  /** Default statuses of error codes `emu.error()` is called with; anything else answers 400. */
  readonly errorStatus?: Readonly<Record<string, number>>;
  /** JSON keys holding base64 blobs, decoded to `Uint8Array` in handler inputs. */
  readonly blobKeys?: readonly string[];
  /** Event-stream exception members are camelCase (`modelStreamErrorException`) or the code itself. */
  readonly streamExceptionCase?: 'camel' | 'pascal';
  /** Turns a virtual-hosted request path into a path-style one (S3). */
  readonly rewritePath?: (path: string, host: string) => string;
}
