-- A delete leaves exactly one history row: the last version as it was (content, version,
-- valid_from), operation 'delete', attributed to whoever deleted it. The deleting transaction
-- names them in transaction-local settings (set_config(..., true), reverted at its end):
-- landmap.actor (the token's label) and landmap.source (e.g. 'edit'). Who wrote that last
-- version stays in attributes ->> 'updated_by'. Without the settings (a delete in psql) the
-- last version's own updated_by and source are kept, as before.
-- Until now the API stamped the row with an UPDATE before deleting it, and that UPDATE kept one
-- more, spurious version.

-- nullif: once a session has set a placeholder setting, current_setting returns '' (not null)
-- in its later transactions, and pooled connections live long.
create function history_attribution(op text, setting text, written text) returns text
language sql stable as $$
    select case when op = 'DELETE' then coalesce(nullif(current_setting(setting, true), ''), written) else written end
$$;

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

comment on column parcel_history.changed_by is 'who wrote that version; for a delete, who deleted it';
comment on column parcel_history.source is 'where that version came from; for a delete, where the delete came from';
comment on column feature_history.changed_by is 'who wrote that version; for a delete, who deleted it';
comment on column feature_history.source is 'where that version came from; for a delete, where the delete came from';
