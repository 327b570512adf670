import type { AwsAIConfig, RequestOptions } from '../config';
import { type CallSite, runCall, type ScopedOptions } from './call-scope';
import { createContext, isContext, type ModuleContext } from './context';

/**
 * Base of every module (`Text`, `Vision`, …): holds the resolved config and the caches shared with
 * the `AwsAI` client that made it. Operations take this context and run their calls through
 * `callAws` (core/call.ts); they load on a module's first call, so constructing a module is cheap.
 * @internal
 */
export abstract class ServiceModule {
  /** @internal */
  protected readonly ctx: ModuleContext;

  /**
   * @param config Region, credentials, endpoints, retry, concurrency, timeout, staging, injected
   *   clients and logger; see `AwsAIConfig`. (`AwsAI` passes its shared context through here.)
   * @throws ValidationError for an invalid retry, concurrency or timeout setting
   */
  constructor(config?: AwsAIConfig) {
    this.ctx = isContext(config) ? config : createContext(config);
  }

  /**
   * Runs one public call in its scope (core/call-scope.ts): `timeoutMs` bounds the whole call,
   * requests still in flight when it settles are cancelled, and every failure is an `AwsAIError`.
   * @internal
   */
  protected call<O extends RequestOptions, T>(
    site: CallSite,
    options: O | undefined,
    fn: (options: ScopedOptions<O>) => Promise<T>,
  ): Promise<T> {
    return runCall(this.ctx, options, site, fn);
  }
}
