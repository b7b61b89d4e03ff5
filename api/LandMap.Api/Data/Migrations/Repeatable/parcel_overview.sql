-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of the overview's functions and triggers (tables: migration 0045).
-- The overview is a grid of shown-state shares per date (see 0045). Each parcel counts, whole, in
-- the cell of zoom 18 the centre of its bounding box falls in (Web Mercator computed from lon/lat:
-- CGCS2000 and WGS 84 agree to centimetres, and st_transform per row costs twice the scan).

create or replace function parcel_overview_cx(g geometry) returns integer
language sql immutable parallel safe as $$
    select floor((radians((st_xmin(g) + st_xmax(g)) / 2) * 6378137 + 20037508.342789244) / 152.8740565703525)::integer
$$;

create or replace function parcel_overview_cy(g geometry) returns integer
language sql immutable parallel safe as $$
    select floor((20037508.342789244 - 6378137 * ln(tan(pi() / 4 + radians((st_ymin(g) + st_ymax(g)) / 2) / 2))) / 152.8740565703525)::integer
$$;

-- The idle rules of a held date ("1,1/3,1/4,1,2": not started years, built share, investment
-- share, halted years, recovery years) as parcel_state_at()'s arguments.
create or replace function parcel_overview_rule(rules text, i integer) returns integer
language sql immutable as $$
    select case i when 1 then split_part(rules, ',', 1)::integer
                  when 2 then split_part(split_part(rules, ',', 2), '/', 1)::integer
                  when 3 then split_part(split_part(rules, ',', 2), '/', 2)::integer
                  when 4 then split_part(split_part(rules, ',', 3), '/', 1)::integer
                  when 5 then split_part(split_part(rules, ',', 3), '/', 2)::integer
                  when 6 then split_part(rules, ',', 4)::integer
                  when 7 then split_part(rules, ',', 5)::integer end
$$;

-- Rolls grid z + 1 up into grid z, 13 down to 10, for the cells above the finest cells (cxs, cys);
-- null arrays: every cell. Each cell of grid z is the sum of the four under it. The cells' case
-- joins on their ranges so the primary key finds the rows (a date holds a million of them).
create or replace function parcel_overview_roll_up(d date, cxs integer[], cys integer[]) returns void
language plpgsql as $$
declare
    lvl integer;
    axs integer[];
    ays integer[];
begin
    for lvl in reverse 13..10 loop
        if cxs is null then
            insert into parcel_overview (on_date, z, cx, cy, state, approved, parcels, area_m2)
            select d, lvl, o.cx >> 1, o.cy >> 1, o.state, o.approved, sum(o.parcels), sum(o.area_m2)
            from parcel_overview as o where o.on_date = d and o.z = lvl + 1
            group by 3, 4, 5, 6;
        else
            select array_agg(a.ax), array_agg(a.ay) into axs, ays
            from (select distinct q.cx >> (14 - lvl) as ax, q.cy >> (14 - lvl) as ay from unnest(cxs, cys) as q(cx, cy)) as a;
            delete from parcel_overview as o using unnest(axs, ays) as a(ax, ay)
            where o.on_date = d and o.z = lvl and o.cx = a.ax and o.cy = a.ay;
            insert into parcel_overview (on_date, z, cx, cy, state, approved, parcels, area_m2)
            select d, lvl, a.ax, a.ay, o.state, o.approved, sum(o.parcels), sum(o.area_m2)
            from unnest(axs, ays) as a(ax, ay)
            join parcel_overview as o on o.on_date = d and o.z = lvl + 1
                and o.cx between a.ax * 2 and a.ax * 2 + 1 and o.cy between a.ay * 2 and a.ay * 2 + 1
            group by 3, 4, 5, 6;
        end if;
    end loop;
end $$;

-- The lon/lat box (storage CRS) of cell (cx, cy) of tile zoom zc, the inverse of
-- parcel_overview_cx/cy, grown by w and h degrees (parcel_overview_margins, migration 0047).
create or replace function parcel_overview_cell_box(zc integer, cx integer, cy integer, w float8, h float8) returns geometry
language sql immutable parallel safe as $$
    select st_makeenvelope(
        degrees((cx * (40075016.685578488 / (1::bigint << zc)) - 20037508.342789244) / 6378137) - w,
        degrees(2 * atan(exp((20037508.342789244 - (cy + 1) * (40075016.685578488 / (1::bigint << zc))) / 6378137)) - pi() / 2) - h,
        degrees(((cx + 1) * (40075016.685578488 / (1::bigint << zc)) - 20037508.342789244) / 6378137) + w,
        degrees(2 * atan(exp((20037508.342789244 - cy * (40075016.685578488 / (1::bigint << zc))) / 6378137)) - pi() / 2) + h, 4490)
$$;

-- Recomputes date d's margins (the largest half-width and half-height of the parcels' bounding
-- boxes) of the finest cells (cxs, cys) from their parcels, and of the cells above them; null
-- arrays: every cell. An upper bound is all the totals need, but an exact one counts more cells whole.
create or replace function parcel_overview_margins_refresh(d date, cxs integer[], cys integer[]) returns void
language plpgsql as $$
declare
    lvl integer;
begin
    if cxs is null then
        delete from parcel_overview_margins where on_date = d;
        insert into parcel_overview_margins (on_date, z, cx, cy, half_w, half_h)
        select d, 14, parcel_overview_cx(p.geom), parcel_overview_cy(p.geom),
               max(st_xmax(p.geom) - st_xmin(p.geom)) / 2, max(st_ymax(p.geom) - st_ymin(p.geom)) / 2
        from parcels as p group by 2, 3, 4;
    else
        delete from parcel_overview_margins as m using unnest(cxs, cys) as q(cx, cy)
        where m.on_date = d and m.z = 14 and m.cx = q.cx and m.cy = q.cy;
        insert into parcel_overview_margins (on_date, z, cx, cy, half_w, half_h)
        select d, 14, q.cx, q.cy, max(st_xmax(p.geom) - st_xmin(p.geom)) / 2, max(st_ymax(p.geom) - st_ymin(p.geom)) / 2
        from (select distinct * from unnest(cxs, cys)) as q(cx, cy)
        join parcels as p on p.geom && st_transform(st_tileenvelope(18, q.cx, q.cy, margin => 0.001), 4490)
        where parcel_overview_cx(p.geom) = q.cx and parcel_overview_cy(p.geom) = q.cy
        group by 2, 3, 4;
    end if;
    for lvl in reverse 13..10 loop
        delete from parcel_overview_margins as m
        where m.on_date = d and m.z = lvl and (cxs is null or (m.cx, m.cy) in (
            select distinct q.cx >> (14 - lvl), q.cy >> (14 - lvl) from unnest(cxs, cys) as q(cx, cy)));
        insert into parcel_overview_margins (on_date, z, cx, cy, half_w, half_h)
        select d, lvl, m.cx >> 1, m.cy >> 1, max(m.half_w), max(m.half_h)
        from parcel_overview_margins as m
        where m.on_date = d and m.z = lvl + 1 and (cxs is null or (m.cx >> 1, m.cy >> 1) in (
            select distinct q.cx >> (14 - lvl), q.cy >> (14 - lvl) from unnest(cxs, cys) as q(cx, cy)))
        group by 3, 4;
    end loop;
end $$;

-- The cells of date d's grid that tell the totals of the parcels intersecting q (a polygon in the
-- storage CRS; null: everywhere): whole = true, a cell (of any grid) whose every parcel surely
-- intersects q (the cell grown by its margins lies inside q: summed from the grid); whole = false,
-- a finest cell whose parcels may or may not (computed parcel by parcel; its margins bound where
-- they lie). Cells whose grown box misses q hold no such parcel and are left out. Coarse cells
-- first, so a view holding the whole zone reads a few rows.
create or replace function parcel_overview_cover(d date, q geometry)
returns table (z smallint, cx integer, cy integer, whole boolean, half_w float8, half_h float8)
language plpgsql stable as $$
#variable_conflict use_column
declare
    lvl integer;
    s float8;
    qx0 float8 := st_xmin(q);
    qy0 float8 := st_ymin(q);
    qx1 float8 := st_xmax(q);
    qy1 float8 := st_ymax(q);
    -- q is its bounding box (a lon/lat bbox is): cells are classed by comparing numbers; otherwise
    -- (a projected bbox, densified and transformed) cells near it are classed by GEOS.
    rect boolean := q is null or st_coveredby(st_makeenvelope(st_xmin(q), st_ymin(q), st_xmax(q), st_ymax(q), st_srid(q)), q);
    wxs integer[];
    wys integer[];
    pxs integer[];
    pys integer[];
    pws float8[];
    phs float8[];
begin
    for lvl in 10..14 loop
        s := 40075016.685578488 / (1 << (lvl + 4)); -- the cell's side in Web Mercator metres
        with level as (
            select m.cx, m.cy, m.half_w, m.half_h from parcel_overview_margins as m
            where lvl = 10 and m.on_date = d and m.z = 10
            union all
            -- the four cells under each cell across q's edge, looked up one by one by the key
            select m.cx, m.cy, m.half_w, m.half_h from unnest(pxs, pys) as a(ax, ay)
            cross join (values (0, 0), (0, 1), (1, 0), (1, 1)) as u(i, j)
            join parcel_overview_margins as m on m.on_date = d and m.z = lvl and m.cx = a.ax * 2 + u.i and m.cy = a.ay * 2 + u.j
            where lvl > 10
        ), grown as (
            -- The cell's lon/lat box (parcel_overview_cell_box written out) grown by its margins and
            -- a nanodegree more: the box is computed, not the one its parcels' centres were floored in.
            select l.*, degrees((l.cx * s - 20037508.342789244) / 6378137) - l.half_w - 1e-9 as x0,
                   degrees(2 * atan(exp((20037508.342789244 - (l.cy + 1) * s) / 6378137)) - pi() / 2) - l.half_h - 1e-9 as y0,
                   degrees(((l.cx + 1) * s - 20037508.342789244) / 6378137) + l.half_w + 1e-9 as x1,
                   degrees(2 * atan(exp((20037508.342789244 - l.cy * s) / 6378137)) - pi() / 2) + l.half_h + 1e-9 as y1
            from level as l
        ), classed as (
            -- 1: inside q (summed whole), 2: across its edge, 0: apart from it
            select g.cx, g.cy, g.half_w, g.half_h, case
                when q is null then 1
                when g.x1 < qx0 or g.x0 > qx1 or g.y1 < qy0 or g.y0 > qy1 then 0
                when rect then case when g.x0 >= qx0 and g.x1 <= qx1 and g.y0 >= qy0 and g.y1 <= qy1 then 1 else 2 end
                when st_coveredby(st_makeenvelope(g.x0, g.y0, g.x1, g.y1, st_srid(q)), q) then 1
                when st_intersects(st_makeenvelope(g.x0, g.y0, g.x1, g.y1, st_srid(q)), q) then 2
                else 0 end as k
            from grown as g
        )
        select array_agg(c.cx) filter (where c.k = 1), array_agg(c.cy) filter (where c.k = 1),
               array_agg(c.cx) filter (where c.k = 2), array_agg(c.cy) filter (where c.k = 2),
               array_agg(c.half_w) filter (where c.k = 2), array_agg(c.half_h) filter (where c.k = 2)
        into wxs, wys, pxs, pys, pws, phs
        from classed as c;
        return query select lvl::smallint, w.x, w.y, true, null::float8, null::float8 from unnest(wxs, wys) as w(x, y);
        exit when pxs is null;
        if lvl = 14 then
            return query select lvl::smallint, r.x, r.y, false, r.w, r.h from unnest(pxs, pys, pws, phs) as r(x, y, w, h);
        end if;
    end loop;
end $$;

-- Builds the overview of date d under rules: grid 14 from every parcel, then the coarser grids.
create or replace function parcel_overview_build(d date, rules text) returns void
language plpgsql as $$
begin
    delete from parcel_overview where on_date = d;
    insert into parcel_overview (on_date, z, cx, cy, state, approved, parcels, area_m2)
    select d, 14, parcel_overview_cx(p.geom), parcel_overview_cy(p.geom), coalesce(st.state, p.status),
           coalesce(p.approved_on <= d, true), count(*), sum(p.area_m2)
    from parcels as p
    cross join lateral parcel_state_at(p, d, parcel_overview_rule(rules, 1), parcel_overview_rule(rules, 2),
        parcel_overview_rule(rules, 3), parcel_overview_rule(rules, 4), parcel_overview_rule(rules, 5),
        parcel_overview_rule(rules, 6), parcel_overview_rule(rules, 7)) as st
    group by 3, 4, 5, 6;
    perform parcel_overview_roll_up(d, null, null);
    perform parcel_overview_margins_refresh(d, null, null);
end $$;

-- Rebuilds the finest cells (cxs, cys) of date d from their parcels, and the cells above them.
create or replace function parcel_overview_refresh(d date, rules text, cxs integer[], cys integer[]) returns void
language plpgsql as $$
begin
    delete from parcel_overview as o using unnest(cxs, cys) as q(cx, cy)
    where o.on_date = d and o.z = 14 and o.cx = q.cx and o.cy = q.cy;
    insert into parcel_overview (on_date, z, cx, cy, state, approved, parcels, area_m2)
    select d, 14, q.cx, q.cy, coalesce(st.state, p.status), coalesce(p.approved_on <= d, true), count(*), sum(p.area_m2)
    from (select distinct * from unnest(cxs, cys)) as q(cx, cy)
    join parcels as p on p.geom && st_transform(st_tileenvelope(18, q.cx, q.cy, margin => 0.001), 4490)
    cross join lateral parcel_state_at(p, d, parcel_overview_rule(rules, 1), parcel_overview_rule(rules, 2),
        parcel_overview_rule(rules, 3), parcel_overview_rule(rules, 4), parcel_overview_rule(rules, 5),
        parcel_overview_rule(rules, 6), parcel_overview_rule(rules, 7)) as st
    where parcel_overview_cx(p.geom) = q.cx and parcel_overview_cy(p.geom) = q.cy
    group by 3, 4, 5, 6;
    perform parcel_overview_roll_up(d, cxs, cys);
    perform parcel_overview_margins_refresh(d, cxs, cys);
end $$;

-- The write path: the cells a statement touched are refreshed in its own transaction for every
-- held date, so the overview never lags a small write (its tiles' ETags move with the parcels'
-- counter). A write touching many cells, or made while the service's refresher builds a date
-- (it holds the lock exclusively), only marks them; the refresher folds them in within a second
-- and bumps the overview's counter.
create or replace function parcel_overview_touch(cxs integer[], cys integer[]) returns void
language plpgsql as $$
declare
    h record;
    c record;
begin
    if coalesce(cardinality(cxs), 0) = 0 then return; end if;
    if cardinality(cxs) > 64 or not pg_try_advisory_xact_lock_shared(1280134998) then
        insert into parcel_overview_dirty (cx, cy) select * from unnest(cxs, cys);
        return;
    end if;
    -- Writers whose cells share a coarser cell would both rebuild it: one lock per grid-10 cell
    -- (every coarser cell lies in one), taken in order so two writers cannot deadlock.
    for c in select distinct q.cx >> 4 as ax, q.cy >> 4 as ay from unnest(cxs, cys) as q(cx, cy) order by 1, 2 loop
        perform pg_advisory_xact_lock(1280135000, (c.ax::bigint * 65536 + c.ay)::integer);
    end loop;
    for h in select on_date, rules from parcel_overview_dates loop
        perform parcel_overview_refresh(h.on_date, h.rules, cxs, cys);
    end loop;
end $$;

create or replace function parcel_overview_mark_parcels() returns trigger language plpgsql as $$
declare
    cxs integer[];
    cys integer[];
begin
    if tg_op = 'UPDATE' then
        select array_agg(c.cx), array_agg(c.cy) into cxs, cys from (
            select parcel_overview_cx(geom) as cx, parcel_overview_cy(geom) as cy from new_rows
            union select parcel_overview_cx(geom), parcel_overview_cy(geom) from old_rows) as c;
    elsif tg_op = 'INSERT' then
        select array_agg(c.cx), array_agg(c.cy) into cxs, cys from (
            select distinct parcel_overview_cx(geom) as cx, parcel_overview_cy(geom) as cy from new_rows) as c;
    else
        select array_agg(c.cx), array_agg(c.cy) into cxs, cys from (
            select distinct parcel_overview_cx(geom) as cx, parcel_overview_cy(geom) as cy from old_rows) as c;
    end if;
    perform parcel_overview_touch(cxs, cys);
    return null;
end $$;

create or replace function parcel_overview_mark_all() returns trigger language plpgsql as $$
begin
    insert into parcel_overview_dirty (cx, cy) values (null, null);
    return null;
end $$;

-- A parcel's events change its computed state: its cell is refreshed.
create or replace function parcel_overview_mark_events() returns trigger language plpgsql as $$
declare
    cxs integer[];
    cys integer[];
begin
    if tg_op = 'INSERT' then
        select array_agg(c.cx), array_agg(c.cy) into cxs, cys from (
            select distinct parcel_overview_cx(p.geom) as cx, parcel_overview_cy(p.geom) as cy
            from parcels as p where p.id in (select parcel_id from new_rows)) as c;
    elsif tg_op = 'UPDATE' then
        select array_agg(c.cx), array_agg(c.cy) into cxs, cys from (
            select distinct parcel_overview_cx(p.geom) as cx, parcel_overview_cy(p.geom) as cy
            from parcels as p where p.id in (select parcel_id from new_rows union select parcel_id from old_rows)) as c;
    else
        select array_agg(c.cx), array_agg(c.cy) into cxs, cys from (
            select distinct parcel_overview_cx(p.geom) as cx, parcel_overview_cy(p.geom) as cy
            from parcels as p where p.id in (select parcel_id from old_rows)) as c;
    end if;
    perform parcel_overview_touch(cxs, cys);
    return null;
end $$;

create or replace trigger parcels_overview_insert after insert on parcels
    referencing new table as new_rows for each statement execute function parcel_overview_mark_parcels();
create or replace trigger parcels_overview_update after update on parcels
    referencing new table as new_rows old table as old_rows for each statement execute function parcel_overview_mark_parcels();
create or replace trigger parcels_overview_delete after delete on parcels
    referencing old table as old_rows for each statement execute function parcel_overview_mark_parcels();
create or replace trigger parcels_overview_truncate after truncate on parcels
    for each statement execute function parcel_overview_mark_all();
create or replace trigger parcel_events_overview_insert after insert on parcel_events
    referencing new table as new_rows for each statement execute function parcel_overview_mark_events();
create or replace trigger parcel_events_overview_update after update on parcel_events
    referencing new table as new_rows old table as old_rows for each statement execute function parcel_overview_mark_events();
create or replace trigger parcel_events_overview_delete after delete on parcel_events
    referencing old table as old_rows for each statement execute function parcel_overview_mark_events();
