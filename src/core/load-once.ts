/**
 * Wraps a dynamic `import()` so that it runs once: every later call gets the same promise. A
 * module's operation code loads on its first call, and without this each call would go through
 * the ESM loader again (resolution, and under tsx or vitest a round trip to the loader thread),
 * which a hot path such as the endpoint batcher pays on every batch. A failed load is forgotten,
 * so the next call tries again. @internal
 */
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
