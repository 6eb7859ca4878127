-- Executive slots are handed out first come, first served: the queue is ordered by when a job
-- was queued (updated_at moves on every change, so it cannot serve).
ALTER TABLE jobs ADD COLUMN queued_at timestamptz;
UPDATE jobs SET queued_at = updated_at WHERE status = 'queued';
CREATE INDEX jobs_slot_queue_idx ON jobs (queued_at, id) WHERE status = 'queued';

-- Settings that shape a job's workflow are fixed when its discussion is first planned, so a
-- deploy that changes AGENT_MAX_EXECUTIVE_ROUNDS never changes what a running job replays.
ALTER TABLE jobs ADD COLUMN executive_rounds integer CHECK (executive_rounds > 0);
