-- Uploads: one row per committed upload (dry runs and refused uploads roll back and leave none).
-- The same body committed twice (same sha256, collection, mode) or a retried request with the
-- same Idempotency-Key finds the first row and changes nothing.
create table uploads (
    id              bigint generated always as identity primary key,
    created_at      timestamptz not null default now(),
    created_by      text not null,
    sha256          text not null,
    idempotency_key text,
    collection      text not null,
    mode            text not null check (mode in ('create', 'upsert')),
    source_srid     integer not null,
    read_count      integer not null,
    valid_count     integer not null,
    invalid_count   integer not null,
    to_create       integer not null,
    to_update       integer not null,
    report          jsonb not null,
    status          text not null check (status in ('committed'))
);
create unique index uploads_body_idx on uploads (sha256, collection, mode);
create unique index uploads_idempotency_idx on uploads (idempotency_key) where idempotency_key is not null;
