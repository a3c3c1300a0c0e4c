/**
 * Reads `read()` until it returns `wanted` or `timeoutMs` pass, and returns the last value read. A
 * plain loop, because vitest's expect.poll cannot tell which of several concurrent tests calls it.
 */
export async function pollUntil<T>(read: () => T | Promise<T>, wanted: T, timeoutMs = 2_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value === wanted || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
