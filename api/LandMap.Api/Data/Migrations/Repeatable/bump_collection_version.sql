-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of bump_collection_version() and its triggers. Change it here, never in a new migration.
-- A change counter per collection, bumped by statement triggers: ETags of items and tiles are
-- built on it.
create or replace function bump_collection_version() returns trigger language plpgsql as $$
begin
    update collection_versions set version = version + 1, changed_at = now()
    where collection = tg_table_name;
    return null;
end $$;

create or replace trigger parks_version after insert or update or delete or truncate on parks
    for each statement execute function bump_collection_version();
create or replace trigger parcels_version after insert or update or delete or truncate on parcels
    for each statement execute function bump_collection_version();
create or replace trigger projects_version after insert or update or delete or truncate on projects
    for each statement execute function bump_collection_version();
create or replace trigger roads_version after insert or update or delete or truncate on roads
    for each statement execute function bump_collection_version();
create or replace trigger rivers_version after insert or update or delete or truncate on rivers
    for each statement execute function bump_collection_version();
create or replace trigger reservoirs_version after insert or update or delete or truncate on reservoirs
    for each statement execute function bump_collection_version();
create or replace trigger plan_zones_version after insert or update or delete or truncate on plan_zones
    for each statement execute function bump_collection_version();
create or replace trigger control_lines_version after insert or update or delete or truncate on control_lines
    for each statement execute function bump_collection_version();
create or replace trigger protected_areas_version after insert or update or delete or truncate on protected_areas
    for each statement execute function bump_collection_version();
-- Lifecycle events have a counter of their own (the reports depend on them).
create or replace trigger parcel_events_version after insert or update or delete or truncate on parcel_events
    for each statement execute function bump_collection_version();
