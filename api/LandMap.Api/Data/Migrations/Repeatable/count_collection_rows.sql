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

create or replace trigger parks_count_inserted after insert on parks
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger parks_count_deleted after delete on parks
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger parks_count_truncated after truncate on parks
    for each statement execute function count_truncated_rows();
create or replace trigger parcels_count_inserted after insert on parcels
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger parcels_count_deleted after delete on parcels
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger parcels_count_truncated after truncate on parcels
    for each statement execute function count_truncated_rows();
create or replace trigger projects_count_inserted after insert on projects
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger projects_count_deleted after delete on projects
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger projects_count_truncated after truncate on projects
    for each statement execute function count_truncated_rows();
create or replace trigger roads_count_inserted after insert on roads
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger roads_count_deleted after delete on roads
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger roads_count_truncated after truncate on roads
    for each statement execute function count_truncated_rows();
create or replace trigger rivers_count_inserted after insert on rivers
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger rivers_count_deleted after delete on rivers
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger rivers_count_truncated after truncate on rivers
    for each statement execute function count_truncated_rows();
create or replace trigger reservoirs_count_inserted after insert on reservoirs
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger reservoirs_count_deleted after delete on reservoirs
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger reservoirs_count_truncated after truncate on reservoirs
    for each statement execute function count_truncated_rows();
create or replace trigger plan_zones_count_inserted after insert on plan_zones
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger plan_zones_count_deleted after delete on plan_zones
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger plan_zones_count_truncated after truncate on plan_zones
    for each statement execute function count_truncated_rows();
create or replace trigger control_lines_count_inserted after insert on control_lines
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger control_lines_count_deleted after delete on control_lines
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger control_lines_count_truncated after truncate on control_lines
    for each statement execute function count_truncated_rows();
create or replace trigger protected_areas_count_inserted after insert on protected_areas
    referencing new table as inserted_rows for each statement execute function count_inserted_rows();
create or replace trigger protected_areas_count_deleted after delete on protected_areas
    referencing old table as deleted_rows for each statement execute function count_deleted_rows();
create or replace trigger protected_areas_count_truncated after truncate on protected_areas
    for each statement execute function count_truncated_rows();

-- The first run counts each table once. The triggers above already hold their lock on it in this
-- script's transaction, so no write can fall between the count and the counting.
do $$
declare
    t text;
begin
    foreach t in array array['parks', 'parcels', 'projects', 'roads', 'rivers', 'reservoirs', 'plan_zones', 'control_lines', 'protected_areas'] loop
        execute format('update collection_versions set row_count = (select count(*) from %1$I)
            where collection = %1$L and row_count is null', t);
    end loop;
end $$;
