-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of the row counters and their triggers. Change it here, never in a new migration.
-- collection_versions.row_count is the number of rows of each feature table (items' numberMatched
-- without a filter). Statement triggers with transition tables add what a statement inserted and
-- take off what it deleted: one counter update per statement, however many rows it touched.
-- PostgreSQL allows transition tables only on single-event triggers, hence one trigger per event.
create or replace function count_inserted_rows() returns trigger language plpgsql as $$
begin
    update collection_versions set row_count = row_count + (select count(*) from inserted_rows)
    where collection = tg_table_name;
    return null;
end $$;

create or replace function count_deleted_rows() returns trigger language plpgsql as $$
begin
    update collection_versions set row_count = row_count - (select count(*) from deleted_rows)
    where collection = tg_table_name;
    return null;
end $$;

create or replace function count_truncated_rows() returns trigger language plpgsql as $$
begin
    update collection_versions set row_count = 0 where collection = tg_table_name;
    return null;
end $$;

do $$
declare
    t text;
begin
    foreach t in array array['parks', 'parcels', 'projects', 'roads', 'rivers', 'reservoirs'] loop
        execute format('create or replace trigger %1$s_count_inserted after insert on %1$I
            referencing new table as inserted_rows for each statement execute function count_inserted_rows()', t);
        execute format('create or replace trigger %1$s_count_deleted after delete on %1$I
            referencing old table as deleted_rows for each statement execute function count_deleted_rows()', t);
        execute format('create or replace trigger %1$s_count_truncated after truncate on %1$I
            for each statement execute function count_truncated_rows()', t);
        -- The first run counts the table once. The triggers above already hold their lock on it in
        -- this script's transaction, so no write can fall between the count and the counting.
        execute format('update collection_versions set row_count = (select count(*) from %1$I)
            where collection = %1$L and row_count is null', t);
    end loop;
end $$;
