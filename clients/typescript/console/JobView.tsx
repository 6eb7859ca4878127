import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { AppSpec, JobState } from '../src/index.js';
import { useJob } from '../src/react.js';
import { hrefOf } from './routes.js';
import { StatusBadge } from './StatusBadge.js';

const CONNECTION_LABELS: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

export function JobView({ jobId }: { jobId: string }) {
  const { state, sendChat, pause, resume, continueWith, retry, canChat, error, clearError } = useJob(jobId);
  const [busy, setBusy] = useState<string | null>(null);

  async function run(name: string, fn: () => Promise<unknown>): Promise<boolean> {
    setBusy(name);
    try {
      await fn();
      return true;
    } catch {
      return false; // shown in the error banner (state.error)
    } finally {
      setBusy(null);
    }
  }

  const unfinished = state.status !== null && state.status !== 'done' && state.status !== 'failed';
  const connection = state.connection === 'idle' ? 'connecting' : state.connection;

  return (
    <main className="page job" data-testid="job-view" data-status={state.status ?? ''} data-paused={String(state.is_paused)}>
      <header className="topbar">
        <a data-testid="back-to-jobs" href={hrefOf({ name: 'jobs' })} className="button">
          ← Jobs
        </a>
        <StatusBadge status={state.status} paused={state.is_paused} />
        <span data-testid="connection-state" data-state={connection} className={`conn conn-${connection}`}>
          {CONNECTION_LABELS[connection]}
        </span>
      </header>

      {error && (
        <div data-testid="error-banner" className="banner error" role="alert">
          <span>{error}</span>
          <button type="button" className="link" onClick={clearError} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      {!state.loaded && !error && <div className="banner info">Loading the job…</div>}
      {state.is_paused && (
        <div className="banner warn">
          Paused: no agent works on this job until you resume it.
        </div>
      )}
      {state.status === 'failed' && (
        <div className="banner error">
          <strong>The job failed.</strong> {state.error_message ?? 'No reason was given.'} Retry carries it on from
          where it stopped.
        </div>
      )}

      <h1 className="job-title">{state.initial_prompt ?? '…'}</h1>

      <div className="controls row">
        {(unfinished || state.is_paused) && (
          <>
            <button data-testid="pause" type="button" disabled={!unfinished || state.is_paused || busy !== null} onClick={() => void run('pause', pause)}>
              Pause
            </button>
            <button data-testid="resume" type="button" disabled={!state.is_paused || busy !== null} onClick={() => void run('resume', resume)}>
              Resume
            </button>
          </>
        )}
        {state.status === 'failed' && (
          <button data-testid="retry" type="button" className="primary" disabled={busy !== null} onClick={() => void run('retry', retry)}>
            Retry
          </button>
        )}
      </div>

      <div className="columns">
        <section className="card chat">
          <h2>Client Relations</h2>
          <ChatLog state={state} />
          <ChatForm canChat={canChat} status={state.status} onSend={(c) => sendChat(c)} />
        </section>

        <section className="card">
          <h2>Timeline</h2>
          <Timeline state={state} />
        </section>
      </div>

      {state.requirements_summary && (
        <details className="card">
          <summary>Requirements summary</summary>
          <pre className="summary">{state.requirements_summary}</pre>
        </details>
      )}

      <Prd state={state} />

      <ChangeRequest
        enabled={state.status === 'done'}
        busy={busy === 'continue'}
        onSubmit={(text) => run('continue', () => continueWith(text))}
      />
    </main>
  );
}

function ChatLog({ state }: { state: JobState }) {
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.messages.length]);
  return (
    <ol data-testid="chat-log" className="chat-log" ref={ref} aria-live="polite">
      {state.messages.map((m) => (
        <li key={m.id} data-testid="chat-message" data-role={m.role} data-sender={m.sender} className={`msg msg-${m.role}`}>
          <div className="msg-head">
            <strong>{m.sender}</strong>{' '}
            <time className="muted" dateTime={m.created_at}>
              {new Date(m.created_at).toLocaleTimeString()}
            </time>
          </div>
          <div className="msg-body">{m.content}</div>
        </li>
      ))}
    </ol>
  );
}

function ChatForm({ canChat, status, onSend }: { canChat: boolean; status: string | null; onSend: (c: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  // A ref as well as the state: two Enter presses can come before React re-renders with `sending`.
  const sendingRef = useRef(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const content = text.trim();
    if (!content || !canChat || sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      await onSend(content);
      // Sent: clear it, unless something else was typed meanwhile.
      setText((current) => (current.trim() === content ? '' : current));
    } catch {
      // Not sent: the error banner shows why (state.error); keep the text, or put it back.
      setText((current) => (current.trim() ? current : content));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  }
  const hint =
    status === 'queued' || status === 'running'
      ? 'A comment for the executive team…'
      : canChat
        ? 'Your answer…'
        : 'This job no longer takes messages';
  return (
    <form onSubmit={submit} className="chat-form">
      <textarea
        data-testid="chat-input"
        rows={2}
        value={text}
        placeholder={hint}
        disabled={!canChat}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            if (sending) return; // as the disabled Send button: no second post
            void submit(e as unknown as FormEvent);
          }
        }}
      />
      <button data-testid="chat-send" type="submit" className="primary" disabled={!canChat || sending}>
        Send
      </button>
    </form>
  );
}

function Timeline({ state }: { state: JobState }) {
  if (state.timeline.length === 0) return <p className="muted">Status changes and executive turns appear here.</p>;
  return (
    <ol data-testid="timeline" className="timeline">
      {state.timeline.map((t) =>
        t.kind === 'status' ? (
          <li key={t.seq} data-testid="timeline-item" data-kind="status" className="tl tl-status">
            <StatusBadge status={t.status} /> <span>{t.message}</span>
          </li>
        ) : (
          <li key={t.seq} data-testid="timeline-item" data-kind="step" className="tl tl-step">
            <strong>
              {t.agent} · turn {t.order}
            </strong>
            <div className="tl-body">{t.message}</div>
          </li>
        ),
      )}
    </ol>
  );
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Prd({ state }: { state: JobState }) {
  const latest = state.app?.version ?? null;
  const [picked, setPicked] = useState<number | null>(null);
  // Follow the newest version unless the user picked an older one.
  const shown = picked ?? latest;
  const spec: AppSpec | null = useMemo(() => {
    if (shown === null) return null;
    const v = state.versions.find((x) => x.version === shown);
    if (v) return v.spec;
    return state.app && state.app.version === shown ? state.app.spec : null;
  }, [shown, state.versions, state.app]);
  const changeRequest = state.versions.find((v) => v.version === shown)?.change_request ?? null;

  if (!state.app || shown === null) {
    return (
      <section className="card">
        <h2>Product requirements</h2>
        <p className="muted">The PRD appears here once the executive team is done.</p>
      </section>
    );
  }
  const versions = state.versions.length ? state.versions.map((v) => v.version) : [state.app.version];
  const markdown = typeof spec?.summary === 'string' ? spec.summary : '';
  const base = `prd-${state.jobId.slice(0, 8)}-v${shown}`;
  return (
    <section className="card prd-card">
      <div className="row spread wrap">
        <h2>Product requirements</h2>
        <div className="row wrap">
          <label className="row">
            Version
            <select
              data-testid="prd-version"
              value={String(shown)}
              onChange={(e) => {
                const v = Number(e.target.value);
                setPicked(v === latest ? null : v);
              }}
            >
              {versions.map((v) => (
                <option key={v} value={String(v)}>
                  {v}
                  {v === latest ? ' (latest)' : ''}
                </option>
              ))}
            </select>
          </label>
          <button data-testid="download-md" type="button" onClick={() => download(`${base}.md`, 'text/markdown', markdown)}>
            Markdown
          </button>
          <button
            data-testid="download-json"
            type="button"
            onClick={() => download(`${base}.json`, 'application/json', JSON.stringify(spec?.prd ?? spec, null, 2))}
          >
            JSON
          </button>
        </div>
      </div>
      {changeRequest && (
        <p className="muted">
          Change request: <em>{changeRequest}</em>
        </p>
      )}
      <article data-testid="prd" data-version={String(shown)} className="prd">
        <PrdMarkdown markdown={markdown} />
      </article>
    </section>
  );
}

/**
 * Model output is untrusted: raw HTML is dropped and react-markdown sanitises URLs. GitHub's
 * Markdown (tables, task lists) is what PRDs are written in.
 */
export function PrdMarkdown({ markdown }: { markdown: string }) {
  return (
    <Markdown skipHtml remarkPlugins={[remarkGfm]}>
      {markdown}
    </Markdown>
  );
}

function ChangeRequest({ enabled, busy, onSubmit }: { enabled: boolean; busy: boolean; onSubmit: (t: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    if (await onSubmit(text.trim())) setText('');
  }
  return (
    <form onSubmit={submit} className="card stack">
      <label htmlFor="change-request">
        <strong>Change request</strong>{' '}
        <span className="muted">{enabled ? 'The team writes the next version of the PRD.' : 'Available once the job is done.'}</span>
      </label>
      <textarea
        id="change-request"
        data-testid="change-request-input"
        rows={3}
        maxLength={5000}
        value={text}
        disabled={!enabled}
        placeholder="Add a dark mode and an Android app…"
        onChange={(e) => setText(e.target.value)}
      />
      <button data-testid="change-request-submit" type="submit" className="primary" disabled={!enabled || busy || !text.trim()}>
        {busy ? 'Sending…' : 'Request changes'}
      </button>
    </form>
  );
}
