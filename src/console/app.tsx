import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApiClient } from './api-client.ts';
import { AppHeader } from './app-header.tsx';
import { checkSession } from './check-session.ts';
import { ModelsPage } from './models-page.tsx';
import { OverviewPage } from './overview-page.tsx';
import { PageBoundary } from './page-boundary.tsx';
import { PlaygroundPage } from './playground-page.tsx';
import { RequestDetailPage } from './request-detail-page.tsx';
import { RequestsPage } from './requests-page.tsx';
import { readStoredKey, storeKey } from './session-storage.ts';
import { SignInPage } from './sign-in-page.tsx';
import { useHashRoute } from './use-hash-route.ts';
import { createOverviewPoints } from './use-overview-history.ts';

type Session =
  | { phase: 'checking' }
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'signed-in'; key: string | null };

/** The console: the sign-in screen until the gateway accepts a key, then the pages. */
export function App() {
  const [session, setSession] = useState<Session>({ phase: 'checking' });
  const route = useHashRoute();
  useEffect(() => {
    void startSession().then(setSession);
  }, []);
  const signedInKey = session.phase === 'signed-in' ? session.key : null;
  const client = useMemo(
    () =>
      createApiClient(signedInKey, () => {
        storeKey(null);
        setSession({ phase: 'signed-out', notice: 'The gateway no longer accepts this key. Sign in again.' });
      }),
    [signedInKey],
  );
  // The charts' last minutes are kept while the operator looks at other pages.
  const overviewPoints = useMemo(createOverviewPoints, [signedInKey]);
  if (session.phase === 'checking') return <main class="sign-in" aria-busy="true" />;
  if (session.phase === 'signed-out') {
    const signIn = (key: string) => {
      storeKey(key);
      setSession({ phase: 'signed-in', key });
    };
    return <SignInPage onSignedIn={signIn} notice={session.notice} />;
  }
  const signOut = () => {
    storeKey(null);
    setSession({ phase: 'signed-out', notice: null });
  };
  return (
    <>
      <AppHeader route={route} onSignOut={signOut} />
      <main id="main" class="page">
        {/* keyed by the route: a page that failed to draw is tried afresh when the operator moves on */}
        <PageBoundary key={route.page === 'request' ? `request/${route.id}` : route.page}>
          {route.page === 'overview' && <OverviewPage client={client} points={overviewPoints} />}
          {route.page === 'requests' && <RequestsPage client={client} />}
          {route.page === 'request' && <RequestDetailPage client={client} id={route.id} />}
          {route.page === 'models' && <ModelsPage client={client} />}
          {route.page === 'playground' && <PlaygroundPage client={client} />}
        </PageBoundary>
      </main>
    </>
  );
}

// A key kept by this tab is tried first (a reload stays signed in), then no key at all, which a
// gateway without API keys accepts.
async function startSession(): Promise<Session> {
  const stored = readStoredKey();
  if (stored !== null) {
    if ((await checkSession(stored)).ok) return { phase: 'signed-in', key: stored };
    storeKey(null);
  }
  if ((await checkSession(null)).ok) return { phase: 'signed-in', key: null };
  return { phase: 'signed-out', notice: null };
}
