-- Bearer tokens (issue 5, "Trust"). Only the SHA-256 of a secret is kept: the secret itself is
-- shown once, when the token is created. collections null = every collection; a list narrows
-- the token's writes to those collections. A revoked or expired token stays for the record.
create table api_tokens (
    id           bigint generated always as identity primary key,
    label        text not null check (length(label) between 1 and 200),
    role         text not null check (role in ('viewer', 'surveyor', 'admin')),
    collections  text[],
    secret_hash  bytea not null unique check (length(secret_hash) = 32),
    created_at   timestamptz not null default now(),
    created_by   text not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
