/**
 * Wraps a dynamic `import()` so that it runs once: every later call gets the same promise. A
 * module's operation code loads on its first call, and without this each call would go through
 * the ESM loader again (resolution, and under tsx or vitest a round trip to the loader thread),
 * which a hot path such as the endpoint batcher pays on every batch. A failed load is forgotten,
 * so the next call tries again. @internal
 */
// Calling it has no side effect until the loader runs, so a bundler may drop a loader (and the
// chunk it imports) that nothing uses, e.g. the whole `impl` when only a per-operation function of
// the module is imported (decision 0701). esbuild honours this annotation only inside one file,
// and our chunks call it from others: every call site is also marked `/* @__PURE__ */`.
/* @__NO_SIDE_EFFECTS__ */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
}
