import { ValidationError } from './errors';
/**
 * Where aws-ai writes its retries, throttling and staging notices: `console`, Powertools `Logger`,
 * winston (message first), or pino and bunyan (object first, recognized and adapted).
 *
 * aws-ai always calls it as `logger.debug(message, fields?)`, `fields` being a plain object such as
 * `{ requestId }` or an `Error`. Message-first loggers take that as it is. A pino or bunyan logger
 * (recognized by its `levels.values` or `streams` and `child`) is called as `(fields, message)`
 * instead, an `Error` under `err`, so `requestId` and the error land in the JSON record.
 *
 * @example
 * ```ts
 * new AwsAI({ logger: console });
 * new AwsAI({ logger: new Logger({ serviceName: 'orders' }) }); // @aws-lambda-powertools/logger
 * new AwsAI({ logger: pino() }); // → {"level":20,"requestId":"…","msg":"aws-ai: … retrying"}
 * ```
 */
export interface Logger {
  /** Retries, staging and other details of one call. */
  debug(message: string, ...meta: unknown[]): void;
  /** Notable events that need no action. */
  info(message: string, ...meta: unknown[]): void;
  /** Something was left behind or degraded (a staged object that could not be deleted). */
  warn(message: string, ...meta: unknown[]): void;
  /** A failure aws-ai could not report through a thrown error. */
  error(message: string, ...meta: unknown[]): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const adapted = new WeakSet<Logger>();

/** pino (`levels.values`) and bunyan (`streams`, `fields`) log `(object, message)`. */
function isObjectFirst(logger: Logger): boolean {
  const candidate = logger as unknown as {
    child?: unknown;
    levels?: { values?: unknown };
    streams?: unknown;
    fields?: unknown;
  };
  if (typeof candidate.child !== 'function') return false;
  const pino = typeof candidate.levels === 'object' && typeof candidate.levels?.values === 'object';
  const bunyan = Array.isArray(candidate.streams) && typeof candidate.fields === 'object';
  return pino || bunyan;
}

/** One object of fields from what aws-ai passes after the message. */
function fieldsOf(meta: readonly unknown[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const item of meta) {
    if (item instanceof Error) fields.err = item;
    else if (item !== null && typeof item === 'object') Object.assign(fields, item);
    else if (item !== undefined) fields.detail = item;
  }
  return fields;
}

/**
 * The logger aws-ai calls: the user's own when it takes `(message, ...meta)`, an object-first
 * adapter around pino and bunyan. Idempotent (derived clients re-resolve their config). @internal
 */
export function adaptLogger(logger: Logger | undefined): Logger | undefined {
  if (logger === undefined || logger === null) return undefined;
  if (typeof logger !== 'object' && typeof logger !== 'function') {
    throw new ValidationError(
      `logger must be an object with debug/info/warn/error methods (console, pino, Powertools), got ${typeof logger}`,
    );
  }
  if (adapted.has(logger) || !isObjectFirst(logger)) return logger;
  const target = logger as unknown as Record<
    (typeof LEVELS)[number],
    (fields: object, message: string) => void
  >;
  const wrapper = Object.fromEntries(
    LEVELS.map((level) => [
      level,
      (message: string, ...meta: unknown[]) => target[level](fieldsOf(meta), message),
    ]),
  ) as unknown as Logger;
  adapted.add(wrapper);
  return wrapper;
}
