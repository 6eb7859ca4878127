-- Each job's token budget (prompt + completion tokens of its agents' model calls). Before every
-- model call the worker compares the job's usage with it and pauses the job when it is spent.
-- Set by the API when a job is created (JOB_TOKEN_BUDGET, or the client's token_budget) and
-- raised with PATCH; jobs created before budgets existed have none (NULL: no limit).
ALTER TABLE jobs ADD COLUMN token_budget bigint CHECK (token_budget > 0);
