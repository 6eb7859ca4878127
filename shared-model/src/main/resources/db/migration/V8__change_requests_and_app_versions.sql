-- Change requests: a done job goes back through queued and running with the client's requested
-- change; the executives discuss it (steps go on numbering after discussion_base, the last step
-- before it) and the Secretary writes the next version of the app's spec.
ALTER TABLE jobs
    ADD COLUMN change_request  text,
    ADD COLUMN discussion_base integer NOT NULL DEFAULT 0 CHECK (discussion_base >= 0);

-- The app keeps its id and holds the latest spec; every version stays in app_versions.
ALTER TABLE apps ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);

CREATE TABLE app_versions (
    id             uuid PRIMARY KEY,
    app_id         uuid        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    version        integer     NOT NULL CHECK (version > 0),
    spec           jsonb       NOT NULL,
    -- What the client asked to change; NULL for the first version.
    change_request text,
    created_at     timestamptz NOT NULL,
    CONSTRAINT app_versions_app_version_key UNIQUE (app_id, version)
);

-- Every app written so far is its own version 1.
INSERT INTO app_versions (id, app_id, version, spec, change_request, created_at)
SELECT gen_random_uuid(), id, 1, spec, NULL, created_at FROM apps;
