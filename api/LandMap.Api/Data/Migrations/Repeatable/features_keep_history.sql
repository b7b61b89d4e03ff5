-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of features_keep_history() and its triggers. Change it here, never in a new migration.
-- The other collections' history (feature_history), as parcels_keep_history does for parcels.
create or replace function features_keep_history() returns trigger language plpgsql as $$
begin
    insert into feature_history (collection, feature_id, version, operation, attributes, geom,
                                 valid_from, valid_to, changed_by, source)
    values (tg_table_name, old.id, old.version, lower(tg_op), to_jsonb(old) - 'geom', old.geom, old.updated_at, now(),
            history_attribution(tg_op, 'landmap.actor', old.updated_by),
            history_attribution(tg_op, 'landmap.source', old.source));
    if tg_op = 'UPDATE' then
        new.version := old.version + 1;
        new.updated_at := now();
        return new;
    end if;
    return old;
end $$;

create or replace trigger parks_history_update before update on parks
    for each row execute function features_keep_history();
create or replace trigger parks_history_delete before delete on parks
    for each row execute function features_keep_history();
create or replace trigger projects_history_update before update on projects
    for each row execute function features_keep_history();
create or replace trigger projects_history_delete before delete on projects
    for each row execute function features_keep_history();
create or replace trigger roads_history_update before update on roads
    for each row execute function features_keep_history();
create or replace trigger roads_history_delete before delete on roads
    for each row execute function features_keep_history();
create or replace trigger rivers_history_update before update on rivers
    for each row execute function features_keep_history();
create or replace trigger rivers_history_delete before delete on rivers
    for each row execute function features_keep_history();
create or replace trigger reservoirs_history_update before update on reservoirs
    for each row execute function features_keep_history();
create or replace trigger reservoirs_history_delete before delete on reservoirs
    for each row execute function features_keep_history();
create or replace trigger plan_zones_history_update before update on plan_zones
    for each row execute function features_keep_history();
create or replace trigger plan_zones_history_delete before delete on plan_zones
    for each row execute function features_keep_history();
create or replace trigger control_lines_history_update before update on control_lines
    for each row execute function features_keep_history();
create or replace trigger control_lines_history_delete before delete on control_lines
    for each row execute function features_keep_history();
create or replace trigger protected_areas_history_update before update on protected_areas
    for each row execute function features_keep_history();
create or replace trigger protected_areas_history_delete before delete on protected_areas
    for each row execute function features_keep_history();
