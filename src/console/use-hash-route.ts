import { useEffect, useState } from 'preact/hooks';

/** A page of the console, read from the location hash. */
export type Route =
  | { page: 'overview' }
  | { page: 'requests' }
  | { page: 'request'; id: string }
  | { page: 'models' }
  | { page: 'playground' };

/** Reads `#/requests/<id>` and friends; anything unknown is the overview. */
export function parseRoute(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'requests' && id) return { page: 'request', id: decodeURIComponent(id) };
  if (page === 'requests' || page === 'models' || page === 'playground') return { page };
  return { page: 'overview' };
}

/** The current route, following hash changes. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}
