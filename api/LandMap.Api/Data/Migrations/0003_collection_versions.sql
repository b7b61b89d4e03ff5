-- A change counter per collection, bumped by statement triggers: ETags of items and tiles are
-- built on it, so a cached page revalidates with one primary-key lookup and any copy of the API
-- sees the same value.
create table collection_versions (
    collection  text primary key,
    version     bigint not null default 0,
    changed_at  timestamptz not null default now()
);

insert into collection_versions (collection)
values ('parks'), ('parcels'), ('projects'), ('roads'), ('rivers'), ('reservoirs');

create function bump_collection_version() returns trigger language plpgsql as $$
begin
    update collection_versions set version = version + 1, changed_at = now()
    where collection = tg_table_name;
    return null;
end $$;

create trigger parks_version after insert or update or delete or truncate on parks
    for each statement execute function bump_collection_version();
create trigger parcels_version after insert or update or delete or truncate on parcels
    for each statement execute function bump_collection_version();
create trigger projects_version after insert or update or delete or truncate on projects
    for each statement execute function bump_collection_version();
create trigger roads_version after insert or update or delete or truncate on roads
    for each statement execute function bump_collection_version();
create trigger rivers_version after insert or update or delete or truncate on rivers
    for each statement execute function bump_collection_version();
create trigger reservoirs_version after insert or update or delete or truncate on reservoirs
    for each statement execute function bump_collection_version();
-- Lifecycle events have a counter of their own (the reports depend on them).
create trigger parcel_events_version after insert or update or delete or truncate on parcel_events
    for each statement execute function bump_collection_version();
insert into collection_versions (collection) values ('parcel_events');
