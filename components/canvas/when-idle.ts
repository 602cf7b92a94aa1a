/**
 * Runs `fn` when the browser is idle, at the latest after `timeoutMs`; returns a cancel function
 * (for effects). Falls back to a timer where requestIdleCallback is missing.
 */
export function whenIdle(fn: () => void, timeoutMs: number): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(fn, Math.min(timeoutMs, 50));
  return () => window.clearTimeout(id);
}
