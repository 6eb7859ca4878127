-- Bookkeeping the system relies on lives in columns only the worker writes: the model usage of
-- agent messages and steps, and the transcript position an agent reply answered. Clients write
-- a message's metadata, so the system never reads bookkeeping from there again.
ALTER TABLE job_messages
    ADD COLUMN answered_position bigint,
    ADD COLUMN model_provider    varchar(64),
    ADD COLUMN prompt_tokens     bigint,
    ADD COLUMN completion_tokens bigint;
ALTER TABLE job_steps
    ADD COLUMN model_provider    varchar(64),
    ADD COLUMN prompt_tokens     bigint,
    ADD COLUMN completion_tokens bigint;

-- Carry over what the worker wrote before: its replies have an idempotency key, client
-- messages never do; steps are only written by the worker. Only well-formed numbers.
UPDATE job_messages
SET answered_position = (metadata ->> 'answered_position')::bigint
WHERE idempotency_key IS NOT NULL
  AND metadata ->> 'answered_position' ~ '^[0-9]{1,18}$';
UPDATE job_messages
SET model_provider    = left(metadata ->> 'provider', 64),
    prompt_tokens     = (metadata ->> 'prompt_tokens')::bigint,
    completion_tokens = (metadata ->> 'completion_tokens')::bigint
WHERE idempotency_key IS NOT NULL
  AND metadata ->> 'provider' IS NOT NULL
  AND metadata ->> 'prompt_tokens' ~ '^[0-9]{1,18}$'
  AND metadata ->> 'completion_tokens' ~ '^[0-9]{1,18}$';
UPDATE job_steps
SET model_provider    = left(metadata ->> 'provider', 64),
    prompt_tokens     = (metadata ->> 'prompt_tokens')::bigint,
    completion_tokens = (metadata ->> 'completion_tokens')::bigint
WHERE metadata ->> 'provider' IS NOT NULL
  AND metadata ->> 'prompt_tokens' ~ '^[0-9]{1,18}$'
  AND metadata ->> 'completion_tokens' ~ '^[0-9]{1,18}$';
