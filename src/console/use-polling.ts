import { useEffect, useRef, useState } from 'preact/hooks';
import { SignedOutError } from './api-client.ts';

/** The latest answer of a polled load, or why the last one failed. */
export interface Polled<T> {
  data: T | null;
  error: string | null;
}

/** Runs `load` now and then `intervalMs` after each answer (never again when null), until
 * unmounted or `key` changes. A hidden tab does not poll: polling resumes when it shows again.
 * Unmounting aborts a load still under way, so nothing outlives the page that asked. */
export function usePolling<T>(
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number | null,
  key: string,
): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: null, error: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loading = false;
    const poll = async () => {
      timer = undefined;
      loading = true;
      try {
        const data = await loadRef.current(abort.signal);
        if (!abort.signal.aborted) setState({ data, error: null });
      } catch (error) {
        // signed out: the app shows the sign-in screen and this page goes away
        if (error instanceof SignedOutError || abort.signal.aborted) return;
        setState((previous) => ({ data: previous.data, error: String((error as Error).message) }));
      } finally {
        loading = false;
      }
      if (intervalMs !== null && !document.hidden) timer = setTimeout(poll, intervalMs);
    };
    const followVisibility = () => {
      if (document.hidden) {
        clearTimeout(timer);
        timer = undefined;
      } else if (intervalMs !== null && timer === undefined && !loading) {
        void poll();
      }
    };
    document.addEventListener('visibilitychange', followVisibility);
    void poll();
    return () => {
      abort.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', followVisibility);
    };
  }, [intervalMs, key]);
  return state;
}
