import type { JobStatus } from '../src/index.js';

const LABELS: Record<JobStatus, string> = {
  collecting: 'Interview',
  queued: 'Queued',
  running: 'Discussing',
  done: 'Done',
  failed: 'Failed',
};

export function StatusBadge({ status, paused }: { status: JobStatus | null; paused?: boolean }) {
  if (!status) return <span className="badge">…</span>;
  return (
    <span className="badges">
      <span className={`badge status-${status}`}>{LABELS[status] ?? status}</span>
      {paused && <span className="badge paused">Paused</span>}
    </span>
  );
}
