import { useEffect, useState } from 'preact/hooks';

/** Date.now(), refreshed every second so countdowns tick between polls. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
