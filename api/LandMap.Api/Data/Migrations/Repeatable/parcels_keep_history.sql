-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of parcels_keep_history() and its triggers. Change it here, never in a new migration.
-- Every update or delete of a parcel keeps the earlier version in parcel_history; an update
-- bumps version and updated_at.
create or replace function parcels_keep_history() returns trigger language plpgsql as $$
begin
    insert into parcel_history (parcel_id, version, operation, attributes, geom,
                                valid_from, valid_to, changed_by, source)
    values (old.id, old.version, lower(tg_op), to_jsonb(old) - 'geom', old.geom, old.updated_at, now(),
            history_attribution(tg_op, 'landmap.actor', old.updated_by),
            history_attribution(tg_op, 'landmap.source', old.source));
    if tg_op = 'UPDATE' then
        new.version := old.version + 1;
        new.updated_at := now();
        return new;
    end if;
    return old;
end $$;

create or replace trigger parcels_history_update before update on parcels
    for each row execute function parcels_keep_history();
create or replace trigger parcels_history_delete before delete on parcels
    for each row execute function parcels_keep_history();
