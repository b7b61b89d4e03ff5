-- The planning gate's overrides (issue 16): a parcel write that takes a protected area or encroaches
-- a control line is refused unless an admin overrides the gate with a reason. Each override is kept
-- here, in the write's transaction: who, when, why, which upload (null for a Part 4 edit), the
-- features let through and what each took (layer, code, kind, name, m2), so the exception stays
-- answerable after the parcels are edited again.
create table planning_overrides (
    id             bigint generated always as identity primary key,
    created_at     timestamptz not null default now(),
    created_by     text not null,
    reason         text not null check (char_length(reason) between 1 and 1000),
    collection     text not null,
    upload_id      bigint references uploads (id),
    feature_codes  text[] not null,
    findings       jsonb not null
);
create index planning_overrides_upload_idx on planning_overrides (upload_id) where upload_id is not null;
