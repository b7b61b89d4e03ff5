-- Uploads while they run and how they ended, shared by every API copy: GET /api/uploads/{id}
-- answers from here whichever copy runs the upload. Written outside the upload's transaction
-- (a refused or failed upload leaves its job row, never its features). Committed uploads are
-- also in uploads, which keeps the report for good.
create table upload_jobs (
    id          bigint primary key,
    started_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    phase       text not null,
    processed   integer not null default 0,
    total       integer,
    percent     real not null default 0,
    status      text not null check (status in ('running', 'committed', 'repeated', 'refused', 'dry-run', 'failed', 'cancelled')),
    status_code integer,
    outcome     jsonb
);
create index upload_jobs_updated_idx on upload_jobs (updated_at);
