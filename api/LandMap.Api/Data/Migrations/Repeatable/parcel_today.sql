-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the current
-- definition of the stored today's state and compliance (tables: migrations 0048, 0054). The rows are
-- what the live computation gives (parcel_state_at(), parcel_compliance_rules(),
-- parcel_compliance_not_checked()) on the dates and idle rules of parcel_today_built: today's, which
-- the write path refreshes in its own transaction, so the copy never lags a write, and the next
-- day's, built ahead and kept by the refresher from a log of the parcels written since.
set local check_function_bodies = off;

-- One parcel's stored row on d under the idle rules text idle (parcel_overview_rule() reads it).
drop function if exists parcel_today_of(parcels, date, text);
create or replace function parcel_today_of(p parcels, d date, idle text)
returns table (state text, idle_on date, idle_rule text, determined_on date, recoverable_on date,
               compliance text, noncompliant_rules text, not_checked text[])
language sql stable as $$
    select s.state, s.idle_on, s.idle_rule, s.determined_on, s.recoverable_on,
           parcel_compliance_of(c.failed), coalesce(c.failed, ''),
           array(select n.rule from parcel_compliance_not_checked(p, d) as n (rule))
    from (select parcel_compliance_rules(p, d) as failed) as c
    left join lateral parcel_state_at(p, d, parcel_overview_rule(idle, 1), parcel_overview_rule(idle, 2),
        parcel_overview_rule(idle, 3), parcel_overview_rule(idle, 4), parcel_overview_rule(idle, 5),
        parcel_overview_rule(idle, 6), parcel_overview_rule(idle, 7)) as s on true
$$;

-- Rewrites the rows of the parcels ids (gone parcels lose theirs) for date d under rules.
drop function if exists parcel_today_write(bigint[]);
create or replace function parcel_today_write(ids bigint[], d date, rules text) returns void
language plpgsql as $$
begin
    delete from parcel_today as t
    where t.on_date = d and t.parcel_id = any(ids) and not exists (select 1 from parcels as p where p.id = t.parcel_id);
    insert into parcel_today (on_date, parcel_id, state, idle_on, idle_rule, determined_on, recoverable_on, compliance, noncompliant_rules, not_checked)
    select d, p.id, o.* from (select distinct unnest(ids) as id) as i
    join parcels as p on p.id = i.id
    cross join lateral parcel_today_of(p, d, rules) as o
    on conflict (on_date, parcel_id) do update set state = excluded.state, idle_on = excluded.idle_on, idle_rule = excluded.idle_rule,
        determined_on = excluded.determined_on, recoverable_on = excluded.recoverable_on, compliance = excluded.compliance,
        noncompliant_rules = excluded.noncompliant_rules, not_checked = excluded.not_checked;
end $$;

-- Every parcel's row on d under rules, added (the builds below have removed d's rows first).
create or replace function parcel_today_compute(d date, rules text) returns void
language sql as $$
    insert into parcel_today (on_date, parcel_id, state, idle_on, idle_rule, determined_on, recoverable_on, compliance, noncompliant_rules, not_checked)
    select d, p.id, o.* from parcels as p cross join lateral parcel_today_of(p, d, rules) as o;
$$;

-- Every parcel's row on d under rules, as today's copy (the refresher, holding the lock below
-- exclusively); every other date's rows go (yesterday's today, an ahead copy under other rules).
create or replace function parcel_today_build(d date, rules text) returns void
language plpgsql as $$
begin
    delete from parcel_today_built where not (on_date > d and ahead and parcel_today_build.rules = parcel_today_built.rules);
    delete from parcel_today as t where not exists (select 1 from parcel_today_built as b where b.on_date = t.on_date);
    perform parcel_today_compute(d, rules);
    insert into parcel_today_built (on_date, rules) values (d, rules);
end $$;

-- The next day's rows (d) computed ahead, while writers keep today's current in their own
-- transactions: no lock is taken. The log is emptied first, in an earlier statement than the
-- computation: what was logged before is in the computation's snapshot, and what a writer logs
-- from then on is folded in afterwards (parcel_today_fold_ahead), even if the computation saw it too.
create or replace function parcel_today_build_ahead(d date, rules text) returns void
language plpgsql as $$
begin
    delete from parcel_today_ahead_log;
    delete from parcel_today_built where ahead;
    delete from parcel_today as t where not exists (select 1 from parcel_today_built as b where b.on_date = t.on_date);
    perform parcel_today_compute(d, rules);
    insert into parcel_today_built (on_date, rules, ahead) values (d, rules, true);
end $$;

-- The parcels logged since: their next day's rows rewritten (a write logged meanwhile stays logged).
create or replace function parcel_today_fold_ahead() returns void
language plpgsql as $$
declare
    b parcel_today_built;
    ids bigint[];
begin
    select * into b from parcel_today_built where ahead;
    if not found then
        delete from parcel_today_ahead_log;
        return;
    end if;
    with taken as (delete from parcel_today_ahead_log returning parcel_id)
    select array_agg(distinct parcel_id) into ids from taken;
    if ids is not null then perform parcel_today_write(ids, b.on_date, b.rules); end if;
end $$;

-- The rollover: the next day's rows, brought up to date, become today's (the refresher, holding the
-- lock below exclusively, so no writer refreshes today's rows meanwhile: they mark them); the
-- day before's rows go. Marks of the day before are in the log too, and so folded in.
create or replace function parcel_today_take_over(d date) returns void
language plpgsql as $$
begin
    perform parcel_today_fold_ahead();
    delete from parcel_today_dirty;
    delete from parcel_today_built where on_date <> d;
    update parcel_today_built set ahead = false where on_date = d;
    delete from parcel_today where on_date <> d;
end $$;

-- The write path: refreshes today's rows of the parcels ids in the writer's transaction, and logs
-- them for the next day's copy (while any copy is held or being built: the refresher builds the
-- next day only after today's, so no write can fall between its log and its computation). While the refresher
-- rebuilds or folds (it holds the lock exclusively) a write cannot be in its snapshot: it marks the
-- parcels instead, and readers compute live until the refresher has folded them in. A large write
-- (an upload) marks them too: at about 1 ms a parcel, refreshing 100,000 in the upload's
-- transaction would cost more than the upload itself (as the overview's touch does past 64 cells).
create or replace function parcel_today_touch(ids bigint[]) returns void
language plpgsql as $$
declare
    b parcel_today_built;
    held boolean;
begin
    if coalesce(cardinality(ids), 0) = 0 then return; end if;
    held := pg_try_advisory_xact_lock_shared(1280135100);
    if not held or exists (select 1 from parcel_today_built) then
        insert into parcel_today_ahead_log (parcel_id) select unnest(ids);
    end if;
    select * into b from parcel_today_built where not ahead;
    if not held or (found and cardinality(ids) > 256) then
        insert into parcel_today_dirty (parcel_id) select unnest(ids);
    elsif found then
        perform parcel_today_write(ids, b.on_date, b.rules);
    end if;
end $$;

-- Something every parcel's row depends on changed (the compliance rules' limits, the land-use
-- classes, the encroachment tolerance, a truncate): the copy is unusable until rebuilt.
create or replace function parcel_today_invalidate() returns trigger language plpgsql as $$
begin
    delete from parcel_today_built;
    return null;
end $$;

create or replace function parcel_today_mark_parcels() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform parcel_today_touch(array(select id from new_rows));
    elsif tg_op = 'UPDATE' then
        perform parcel_today_touch(array(select id from new_rows union select id from old_rows));
    else
        perform parcel_today_touch(array(select id from old_rows));
    end if;
    return null;
end $$;

create or replace function parcel_today_mark_events() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform parcel_today_touch(array(select distinct parcel_id from new_rows));
    elsif tg_op = 'UPDATE' then
        perform parcel_today_touch(array(select parcel_id from new_rows union select parcel_id from old_rows));
    else
        perform parcel_today_touch(array(select distinct parcel_id from old_rows));
    end if;
    return null;
end $$;

-- A plan zone, control line or protected area written: the parcels its old and new geometry meet.
create or replace function parcel_today_mark_plan() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform parcel_today_touch(array(select distinct p.id from new_rows as g join parcels as p on p.geom && g.geom and st_intersects(p.geom, g.geom)));
    elsif tg_op = 'UPDATE' then
        perform parcel_today_touch(array(select p.id from (select geom from new_rows union all select geom from old_rows) as g
                                         join parcels as p on p.geom && g.geom and st_intersects(p.geom, g.geom) group by p.id));
    else
        perform parcel_today_touch(array(select distinct p.id from old_rows as g join parcels as p on p.geom && g.geom and st_intersects(p.geom, g.geom)));
    end if;
    return null;
end $$;

do $$
declare
    t text;
    f text;
begin
    -- Each table whose rows a parcel's state or compliance reads, with the function marking its parcels.
    for t, f in select * from (values ('parcels', 'parcel_today_mark_parcels'), ('parcel_events', 'parcel_today_mark_events'),
                                      ('plan_zones', 'parcel_today_mark_plan'), ('control_lines', 'parcel_today_mark_plan'),
                                      ('protected_areas', 'parcel_today_mark_plan')) as v loop
        execute format('create or replace trigger %1$s_today_insert after insert on %1$s referencing new table as new_rows '
                       'for each statement execute function %2$s()', t, f);
        execute format('create or replace trigger %1$s_today_update after update on %1$s referencing new table as new_rows old table as old_rows '
                       'for each statement execute function %2$s()', t, f);
        execute format('create or replace trigger %1$s_today_delete after delete on %1$s referencing old table as old_rows '
                       'for each statement execute function %2$s()', t, f);
        execute format('create or replace trigger %1$s_today_truncate after truncate on %1$s '
                       'for each statement execute function parcel_today_invalidate()', t);
    end loop;
    foreach t in array array['compliance_rules', 'land_use_codes', 'service_settings'] loop
        -- Per row: a statement that changes nothing (the start's setting written again) keeps the copy.
        execute format('create or replace trigger %1$s_today_invalidate after insert or update or delete on %1$s '
                       'for each row execute function parcel_today_invalidate()', t);
        execute format('create or replace trigger %1$s_today_truncate after truncate on %1$s '
                       'for each statement execute function parcel_today_invalidate()', t);
    end loop;
end $$;
