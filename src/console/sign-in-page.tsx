import { useEffect, useRef, useState } from 'preact/hooks';
import { checkSession, describeRefusal } from './check-session.ts';
import { ErrorMessage } from './error-message.tsx';

/** The sign-in form: asks for an admin API key and checks it with the gateway. */
export function SignInPage({
  onSignedIn,
  notice,
}: {
  onSignedIn: (key: string) => void;
  notice: string | null;
}) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The form is all there is to do here (first visit, sign-out, a refused key): start in its field.
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const check = await checkSession(key.trim());
    setBusy(false);
    if (check.ok) onSignedIn(key.trim());
    else setError(describeRefusal(check));
  };
  return (
    <main class="sign-in" id="main">
      <form class="card sign-in-form" onSubmit={submit}>
        <h1>sf-models-gateway console</h1>
        <p class="muted">Sign in with an admin API key. It is kept for this tab only.</p>
        {notice && !error && <p class="notice">{notice}</p>}
        <label for="api-key">API key</label>
        <input
          id="api-key"
          ref={field}
          type="password"
          autocomplete="current-password"
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          required
        />
        <ErrorMessage message={error} />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
