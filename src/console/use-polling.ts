import { useEffect, useRef, useState } from 'preact/hooks';
import { SignedOutError } from './api-client.ts';

/** The latest answer of a polled load, or why the last one failed. */
export interface Polled<T> {
  data: T | null;
  error: string | null;
}

/** Runs `load` now and then `intervalMs` after each answer (never again when null), until
 * unmounted or `key` changes. */
export function usePolling<T>(load: () => Promise<T>, intervalMs: number | null, key: string): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: null, error: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await loadRef.current();
        if (!stopped) setState({ data, error: null });
      } catch (error) {
        if (error instanceof SignedOutError) return;
        if (!stopped)
          setState((previous) => ({ data: previous.data, error: String((error as Error).message) }));
      }
      if (!stopped && intervalMs !== null) timer = setTimeout(poll, intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [intervalMs, key]);
  return state;
}
