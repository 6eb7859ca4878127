-- Comments during the discussion: a user message sent while a job is queued or running is handed
-- to the next executive turn. Each step records the last transcript position its speaker saw
-- (server-owned, like job_messages.answered_position), so a comment is addressed exactly once.
ALTER TABLE job_steps ADD COLUMN answered_position bigint;
