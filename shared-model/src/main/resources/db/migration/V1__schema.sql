-- Ideaforge schema. Every job-owned row cascades from jobs, so deleting a job removes its whole trail.

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         varchar(254) NOT NULL,
    username      varchar(150) NOT NULL,
    name          varchar(150) NOT NULL DEFAULT '',
    password_hash varchar(255) NOT NULL,
    is_active     boolean      NOT NULL DEFAULT true,
    date_joined   timestamptz  NOT NULL
);
-- Emails and usernames are unique regardless of case, as users type them in either.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Issued refresh tokens, so that rotation and logout can revoke them.
CREATE TABLE refresh_tokens (
    jti        uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE jobs (
    id                   uuid PRIMARY KEY,
    user_id              uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    initial_prompt       text        NOT NULL,
    prompt               text        NOT NULL,
    requirements_summary text,
    status               varchar(16) NOT NULL
        CHECK (status IN ('collecting', 'queued', 'running', 'done', 'failed')),
    error_message        text,
    -- The last seq handed out in job_events; bumped under the row lock, so seqs are gapless.
    last_event_seq       bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX jobs_user_created_idx ON jobs (user_id, created_at DESC);
CREATE INDEX jobs_unfinished_idx ON jobs (status) WHERE status IN ('collecting', 'queued', 'running');

CREATE TABLE job_messages (
    id              uuid PRIMARY KEY,
    job_id          uuid         NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    -- Insertion order: timestamps can tie, this cannot.
    position        bigint       GENERATED ALWAYS AS IDENTITY,
    role            varchar(16)  NOT NULL CHECK (role IN ('user', 'agent', 'system')),
    sender          varchar(150) NOT NULL,
    content         text         NOT NULL,
    metadata        jsonb        NOT NULL DEFAULT '{}'::jsonb,
    -- Set by writers that may retry (workflow activities): a retry finds the row instead of adding one.
    idempotency_key varchar(200) UNIQUE,
    created_at      timestamptz  NOT NULL
);
CREATE INDEX job_messages_job_position_idx ON job_messages (job_id, position);

CREATE TABLE job_steps (
    id         uuid PRIMARY KEY,
    job_id     uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    agent_name varchar(64) NOT NULL,
    message    text        NOT NULL,
    "order"    integer     NOT NULL CHECK ("order" > 0),
    metadata   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL,
    CONSTRAINT job_steps_job_order_key UNIQUE (job_id, "order")
);

CREATE TABLE apps (
    id         uuid PRIMARY KEY,
    job_id     uuid        NOT NULL UNIQUE REFERENCES jobs (id) ON DELETE CASCADE,
    spec       jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The event log: every event a socket sees is first a row here, written in the transaction of the
-- fact it reports. Redis pub/sub is only the fast path.
CREATE TABLE job_events (
    job_id     uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq        bigint      NOT NULL CHECK (seq > 0),
    kind       varchar(16) NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (job_id, seq)
);
