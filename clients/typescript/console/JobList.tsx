import { useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../src/index.js';
import { useIdeaforgeClient, useJobs } from '../src/react.js';
import { hrefOf, navigate } from './routes.js';
import { StatusBadge } from './StatusBadge.js';

export function JobList() {
  const client = useIdeaforgeClient();
  const { jobs, loading, error, refresh, create } = useJobs();
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);

  // Statuses move on their own: look again every few seconds while the list is shown.
  useEffect(() => {
    const t = setInterval(() => void refresh(), 5000);
    return () => clearInterval(t);
  }, [refresh]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!prompt.trim()) return;
    setBusy(true);
    try {
      const job = await create({ prompt: prompt.trim() });
      setPrompt('');
      navigate({ name: 'job', id: job.id });
    } catch {
      /* shown by useJobs' error */
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    try {
      await client.logout();
    } catch (e) {
      setLocalError(`Could not sign out: ${describeError(e)}`);
    }
  }

  const banner = localError ?? error;
  return (
    <main className="page">
      <header className="topbar">
        <h1>Ideaforge</h1>
        <button data-testid="sign-out" type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      {banner && (
        <div data-testid="error-banner" className="banner error" role="alert">
          {banner}
        </div>
      )}
      <form onSubmit={submit} className="card stack">
        <label htmlFor="new-job-prompt">
          <strong>Your app idea</strong>
        </label>
        <textarea
          id="new-job-prompt"
          data-testid="new-job-prompt"
          rows={3}
          maxLength={5000}
          placeholder="A habit tracker for remote teams…"
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
        />
        <button data-testid="new-job-submit" type="submit" className="primary" disabled={busy || !prompt.trim()}>
          {busy ? 'Creating…' : 'Start'}
        </button>
      </form>
      <section className="card">
        <div className="row spread">
          <h2>Your jobs</h2>
          <button type="button" onClick={() => void refresh()} disabled={loading}>
            Refresh
          </button>
        </div>
        {!loading && jobs.length === 0 && <p className="muted">No jobs yet: describe an idea above.</p>}
        <ul data-testid="job-list" className="job-list">
          {jobs.map((job) => (
            <li key={job.id} data-testid="job-item" data-job-id={job.id} data-status={job.status}>
              <a href={hrefOf({ name: 'job', id: job.id })}>
                <span className="job-prompt">{job.initial_prompt}</span>
                <span className="row">
                  <StatusBadge status={job.status} paused={job.is_paused} />
                  <time className="muted" dateTime={job.created_at}>
                    {new Date(job.created_at).toLocaleString()}
                  </time>
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
