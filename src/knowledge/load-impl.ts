import { loadOnce } from '../core/load-once';

/**
 * The operation code, loaded on first use so that importing the module (or `aws-ai`) stays cheap;
 * the bundler puts it in its own chunk. @internal
 */
export const loadImpl = /* @__PURE__ */ loadOnce(() => import('./impl'));
