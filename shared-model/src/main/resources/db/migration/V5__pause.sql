-- A paused job finishes the turn in flight, then waits: its workflow asks before every model call.
-- Written by the API (pause/resume) and by the worker (a spent token budget), each together with
-- the status event that announces it.
ALTER TABLE jobs ADD COLUMN is_paused boolean NOT NULL DEFAULT false;
