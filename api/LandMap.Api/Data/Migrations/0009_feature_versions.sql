-- Part 4 edits for every collection: parks, projects, roads, rivers and reservoirs get what
-- parcels have, a version (the item's ETag), who wrote it and from where, and every earlier
-- version kept by trigger in feature_history (parcels keep theirs in parcel_history, which the
-- parcel history route and the as-of reads use).
create table feature_history (
    id          bigint generated always as identity primary key,
    collection  text not null,
    feature_id  bigint not null,
    version     integer not null,
    operation   text not null check (operation in ('update', 'delete')),
    attributes  jsonb not null,              -- the whole row as it was, without geometry
    geom        geometry(Geometry, 4490) not null,
    valid_from  timestamptz not null,
    valid_to    timestamptz not null,
    changed_by  text not null,
    source      text not null,
    unique (collection, feature_id, version)
);
create index feature_history_feature_idx on feature_history (collection, feature_id, version);

create function features_keep_history() returns trigger language plpgsql as $$
begin
    insert into feature_history (collection, feature_id, version, operation, attributes, geom,
                                 valid_from, valid_to, changed_by, source)
    values (tg_table_name, old.id, old.version, lower(tg_op), to_jsonb(old) - 'geom', old.geom,
            old.updated_at, now(), old.updated_by, old.source);
    if tg_op = 'UPDATE' then
        new.version := old.version + 1;
        new.updated_at := now();
        return new;
    end if;
    return old;
end $$;

do $$
declare t text;
begin
    foreach t in array array['parks', 'projects', 'roads', 'rivers', 'reservoirs'] loop
        execute format('alter table %I add column version integer not null default 1,
                        add column updated_at timestamptz not null default now(),
                        add column updated_by text not null default ''system'',
                        add column source text not null default ''sample''', t);
        execute format('create trigger %I before update on %I for each row execute function features_keep_history()',
                       t || '_history_update', t);
        execute format('create trigger %I before delete on %I for each row execute function features_keep_history()',
                       t || '_history_delete', t);
    end loop;
end $$;
