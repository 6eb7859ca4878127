import { useState, type FormEvent } from 'react';
import { ApiError } from '../src/index.js';
import { useIdeaforgeClient } from '../src/react.js';

function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = Object.entries(e.fieldErrors).map(([k, v]) => `${k}: ${v.join(' ')}`);
    return fields.length ? fields.join(' · ') : e.detail;
  }
  return e instanceof Error ? e.message : String(e);
}

export function AuthScreen({ notice, onSignedIn }: { notice: string | null; onSignedIn: () => void }) {
  const client = useIdeaforgeClient();
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = email.trim();
      if (mode === 'signup') await client.register({ email: name, password });
      else await client.login(name.includes('@') ? { email: name, password } : { username: name, password });
      onSignedIn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <h1>Ideaforge</h1>
      <p className="muted">Turn an app idea into a product requirements document.</p>
      {notice && <div className="banner warn">{notice}</div>}
      <form onSubmit={submit} className="card stack">
        <h2>{mode === 'signin' ? 'Sign in' : 'Create an account'}</h2>
        <label>
          Email
          <input
            data-testid="auth-email"
            type="text"
            inputMode="email"
            autoComplete={mode === 'signin' ? 'username' : 'email'}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            data-testid="auth-password"
            type="password"
            autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <div data-testid="auth-error" className="banner error" role="alert">
            {error}
          </div>
        )}
        <button data-testid="auth-submit" type="submit" className="primary" disabled={busy}>
          {busy ? 'Please wait…' : mode === 'signin' ? 'Sign in' : 'Sign up'}
        </button>
        <button
          data-testid="auth-toggle"
          type="button"
          className="link"
          onClick={() => {
            setMode(mode === 'signin' ? 'signup' : 'signin');
            setError(null);
          }}
        >
          {mode === 'signin' ? 'No account yet? Sign up' : 'Have an account? Sign in'}
        </button>
      </form>
    </main>
  );
}
