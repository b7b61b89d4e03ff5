-- CQL2 ACCENTI (accent-insensitive-comparison) is unaccent(): accent stripping and diacritic folding
-- ('débárquér' -> 'debarquer'). The extension is in PostgreSQL's contrib, which Debian ships inside
-- the postgresql-15 package itself, and it is trusted (PostgreSQL 13+): the database owner may create it.
create extension if not exists unaccent;
