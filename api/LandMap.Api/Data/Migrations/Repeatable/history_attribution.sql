-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of history_attribution(). Change it here, never in a new migration.
-- Who a history row names: a delete is attributed to whoever deleted it (landmap.actor and
-- landmap.source, transaction-local settings), any other operation to who wrote the version.
-- nullif: once a session has set a placeholder setting, current_setting returns '' (not null)
-- in its later transactions, and pooled connections live long.
create or replace function history_attribution(op text, setting text, written text) returns text
language sql stable as $$
    select case when op = 'DELETE' then coalesce(nullif(current_setting(setting, true), ''), written) else written end
$$;
