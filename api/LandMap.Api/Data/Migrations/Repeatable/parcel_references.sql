-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the current
-- definition of the parcels' references (migration 0052 dropped the foreign keys these replace).
--
-- Why not foreign keys: PostgreSQL checks a foreign key once per written row (a lookup and a row
-- lock in the referenced table, from an after-row trigger); an upload of 100,000 parcels paid that
-- 8 x 100,000 times, 2.5-3.5 s of its 5.2 s write. Here each statement checks each reference once,
-- over the distinct keys it wrote, with the same effect:
--   * a written key with no referenced row is refused with SQLSTATE 23503 (foreign_key_violation),
--     the former constraint's name and PostgreSQL's own message and detail;
--   * the referenced rows are locked FOR KEY SHARE, as a foreign key locks them, so a concurrent
--     delete of a referenced row waits for the writer and then sees its parcels (or, having
--     deleted first, makes the writer's lock find no row, and the writer is refused);
--   * deleting or re-keying a referenced row (or truncating its table) while a parcel refers to it
--     is refused with 23503 and the constraint's name (NO ACTION, as before).
-- One difference, for the record: a foreign key's parent-side check also guards a REPEATABLE READ
-- or SERIALIZABLE deleter against a writer that committed after its snapshot; the service deletes
-- vocabulary and parks in READ COMMITTED only, where the check below sees the writer's commit.
set local check_function_bodies = off;

-- The references: constraint name, the parcels' columns, the referenced table and its key columns
-- (the one list every function and trigger below is built from; the names are quoted with %I).
create or replace function parcel_references()
returns table (constraint_name text, child_columns text[], parent_table text, parent_columns text[])
language sql immutable as $$
    values ('parcels_park_code_fkey', array['park_code'], 'parks', array['code']),
           ('parcels_project_code_fkey', array['project_code'], 'projects', array['code']),
           ('parcels_status_fk', array['status'], 'lifecycle_states', array['state']),
           ('parcels_supply_method_fk', array['supply_method'], 'supply_methods', array['code']),
           ('parcels_start_evidence_fk', array['start_evidence'], 'start_evidence_kinds', array['code']),
           ('parcels_land_use_fk', array['land_use_edition', 'land_use'], 'land_use_codes', array['standard', 'code']),
           ('parcels_land_use_planned_fk', array['land_use_planned_edition', 'land_use_planned'], 'land_use_codes', array['standard', 'code']),
           ('parcels_land_use_approved_fk', array['land_use_approved_edition', 'land_use_approved'], 'land_use_codes', array['standard', 'code'])
$$;

-- "a.x, a.y" / "a.x = b.u and a.y = b.v" / "a.x is not null and ...": SQL fragments over quoted names.
create or replace function parcel_references_list(alias text, cols text[]) returns text
language sql immutable as $$
    select string_agg(format('%I.%I', alias, c), ', ' order by i) from unnest(cols) with ordinality as u (c, i)
$$;

create or replace function parcel_references_match(a text, a_cols text[], b text, b_cols text[]) returns text
language sql immutable as $$
    select string_agg(format('%I.%I = %I.%I', a, x, b, y), ' and ' order by i)
    from unnest(a_cols, b_cols) with ordinality as u (x, y, i)
$$;

-- After an insert or update of parcels (statement level, transition tables new_rows and, for an
-- update, old_rows): each reference's distinct keys, written or changed by the statement, exist.
-- MATCH SIMPLE, as the foreign keys were: a key with a null column is not checked.
create or replace function parcels_check_references() returns trigger language plpgsql as $$
declare
    r record;
    written text;
    missing text;
begin
    for r in select * from parcel_references() loop
        written := case when tg_op = 'INSERT' then 'new_rows n' else format(
            '(select n.* from new_rows n left join old_rows o on o.id = n.id where o.id is null or (%s) is distinct from (%s)) n',
            parcel_references_list('n', r.child_columns), parcel_references_list('o', r.child_columns)) end;
        -- One statement per reference: the distinct keys written, each looked up and locked (a key whose
        -- row a concurrent transaction deleted and committed locks nothing, and is reported missing).
        execute format('select format(''(%s)=(%%s)'', concat_ws('', '', %s)) from (select distinct %s from %s where %s) n '
                       'left join lateral (select 1 as held from %I t where %s for key share of t) l on true '
                       'where l.held is null limit 1',
            array_to_string(r.child_columns, ', '), parcel_references_list('n', r.child_columns),
            parcel_references_list('n', r.child_columns), written,
            (select string_agg(format('n.%I is not null', c), ' and ') from unnest(r.child_columns) c),
            r.parent_table, parcel_references_match('t', r.parent_columns, 'n', r.child_columns))
        into missing;
        if missing is not null then
            raise exception 'insert or update on table "parcels" violates foreign key constraint "%"', r.constraint_name
                using errcode = 'foreign_key_violation', constraint = r.constraint_name, table = 'parcels', schema = 'public',
                      detail = format('Key %s is not present in table "%s".', missing, r.parent_table);
        end if;
    end loop;
    return null;
end $$;

create or replace trigger parcels_references_insert after insert on parcels
    referencing new table as new_rows for each statement execute function parcels_check_references();
create or replace trigger parcels_references_update after update on parcels
    referencing old table as old_rows new table as new_rows for each statement execute function parcels_check_references();

-- After a delete or update of a referenced table (statement level, old_rows): a key that is gone
-- from the table and still named by a parcel is refused.
create or replace function parcel_references_parent_check() returns trigger language plpgsql as $$
declare
    r record;
    held text;
begin
    for r in select * from parcel_references() where parent_table = tg_table_name loop
        execute format('select format(''(%s)=(%%s)'', concat_ws('', '', %s)) from old_rows o '
                       'where not exists (select 1 from %I t where %s) '
                       'and exists (select 1 from parcels p where %s) limit 1',
            array_to_string(r.parent_columns, ', '), parcel_references_list('o', r.parent_columns),
            r.parent_table, parcel_references_match('t', r.parent_columns, 'o', r.parent_columns),
            parcel_references_match('p', r.child_columns, 'o', r.parent_columns))
        into held;
        if held is not null then
            raise exception 'update or delete on table "%" violates foreign key constraint "%" on table "parcels"', r.parent_table, r.constraint_name
                using errcode = 'foreign_key_violation', constraint = r.constraint_name, table = r.parent_table, schema = 'public',
                      detail = format('Key %s is still referenced from table "parcels".', held);
        end if;
    end loop;
    return null;
end $$;

-- Truncating a referenced table while a parcel names one of its keys.
create or replace function parcel_references_parent_truncate() returns trigger language plpgsql as $$
declare
    r record;
    held boolean;
begin
    for r in select * from parcel_references() where parent_table = tg_table_name loop
        execute format('select exists (select 1 from parcels p where %s)',
            (select string_agg(format('p.%I is not null', c), ' and ') from unnest(r.child_columns) c))
        into held;
        if held then
            raise exception 'cannot truncate table "%": parcels refer to it (constraint "%")', r.parent_table, r.constraint_name
                using errcode = 'foreign_key_violation', constraint = r.constraint_name, table = r.parent_table, schema = 'public';
        end if;
    end loop;
    return null;
end $$;

do $$
declare
    t text;
begin
    for t in select distinct parent_table from parcel_references() loop
        -- t comes from parcel_references()'s own list, never from outside.
        execute format('create or replace trigger %1$s_parcel_references_delete after delete on %1$s '
                       'referencing old table as old_rows for each statement execute function parcel_references_parent_check()', t);
        execute format('create or replace trigger %1$s_parcel_references_update after update on %1$s '
                       'referencing old table as old_rows for each statement execute function parcel_references_parent_check()', t);
        execute format('create or replace trigger %1$s_parcel_references_truncate before truncate on %1$s '
                       'for each statement execute function parcel_references_parent_truncate()', t);
    end loop;
end $$;
