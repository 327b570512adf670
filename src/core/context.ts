import { type AwsAIConfig, type ResolvedConfig, resolveConfig } from '../config';
import type { AdaptiveRate } from './adaptive-rate';
import type { Semaphore } from './concurrency';

const CONTEXT = Symbol.for('aws-ai.context');

/** State shared by a client and every client derived from it with `withOptions`. @internal */
export interface SharedState {
  /** SDK clients by service, region, endpoint and credentials. */
  readonly clients: Map<string, Promise<unknown>>;
  /** In-flight limiters by service and limit. */
  readonly limiters: Map<string, Semaphore>;
  /** Learned send rates by service and operation (core/adaptive-rate.ts). */
  readonly rates: Map<string, AdaptiveRate>;
  /** Small per-process caches a module keeps (e.g. the Polly voice list). */
  readonly memo: Map<string, Promise<unknown>>;
}

/** What a module needs to make calls: the resolved config and the shared caches. @internal */
export interface ModuleContext {
  readonly [CONTEXT]: true;
  readonly config: ResolvedConfig;
  readonly shared: SharedState;
}

/** Makes a context from user config, or derives one from `base` sharing its caches. @internal */
export function createContext(config?: AwsAIConfig, base?: ModuleContext): ModuleContext {
  return {
    [CONTEXT]: true,
    config: resolveConfig(config, base?.config),
    shared: base?.shared ?? {
      clients: new Map(),
      limiters: new Map(),
      rates: new Map(),
      memo: new Map(),
    },
  };
}

/** True for a context built by {@link createContext} (also from another copy of aws-ai). @internal */
export function isContext(value: unknown): value is ModuleContext {
  return typeof value === 'object' && value !== null && CONTEXT in value;
}

/**
 * Passes a context where the public signature takes an `AwsAIConfig` (module constructors,
 * `withOptions`), so the internal type never appears in the public API. @internal
 */
export function contextAsConfig(ctx: ModuleContext): AwsAIConfig {
  return ctx as unknown as AwsAIConfig;
}
