import type { AwsAIConfig } from '../config';
import { ValidationError } from '../errors';
import { createContext, isContext, type ModuleContext } from './context';

/**
 * What the per-operation functions of every module share (decision 0701): the method-less client
 * that `createTextClient`, `createSpeechClient`, … return is a module context (config plus SDK-client
 * cache), and each function also accepts the module itself (`new Speech()`, `ai.speech`), whose
 * context is the same object behind a protected member.
 */

/**
 * The context a `create…Client` function returns: built from a config, or the one given when
 * `config` already is a context (an `AwsAI` passes its own, so clients share SDK clients). @internal
 */
export function functionClient(config: AwsAIConfig | undefined): ModuleContext {
  return isContext(config) ? config : createContext(config);
}

/**
 * The context behind a function's first argument: a `create…Client` client or a module. Anything
 * else (a config object, `null`, another module's client shape) is refused before any request.
 *
 * @param expected how the error names what to pass, e.g. `'a SpeechClient (createSpeechClient) or a
 *   Speech module'`
 * @internal
 */
export function contextOfClient(client: unknown, expected: string): ModuleContext {
  if (isContext(client)) return client;
  // `?.`: a missing or null first argument is refused below, not a TypeError.
  const ctx = (client as { ctx?: unknown } | null | undefined)?.ctx;
  if (isContext(ctx)) return ctx;
  throw new ValidationError(`The first argument must be ${expected}`);
}
