import { abortErrorFrom } from '../core/internal/abort';
import { AwsAIError, ValidationError } from '../errors';

/**
 * Runs the checks of a call's input. A `ValidationError` stays as it is; anything else they throw (a
 * getter or a `toString` of the caller's objects that throws) is a `ValidationError` too, naming the
 * kind of error only: its message may quote the input. @internal
 */
export function checkedInput<T>(what: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (AwsAIError.isInstance(err)) throw err;
    const kind = err instanceof Error ? err.name : typeof err;
    throw new ValidationError(`${what} could not be read: reading it threw (${kind})`, {
      code: 'UnreadableInput',
    });
  }
}

/**
 * An AbortController for one request of a stream, aborted with the stream's `signal`. Throws at once
 * when `signal` has already fired: a stream cut before its request starts (while the operation code
 * or the SDK loads) must send nothing, and an abort listener added to a fired signal never runs.
 * `unlink` removes the listener and aborts what is still in flight. @internal
 */
export function requestController(signal: AbortSignal): {
  controller: AbortController;
  unlink: () => void;
} {
  if (signal.aborted) throw abortErrorFrom(signal.reason);
  const controller = new AbortController();
  const stop = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  return {
    controller,
    unlink: () => {
      signal.removeEventListener('abort', stop);
      controller.abort();
    },
  };
}
