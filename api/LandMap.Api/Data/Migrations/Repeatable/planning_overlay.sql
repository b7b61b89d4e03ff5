-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of the planning overlay functions. Change it here, never in a new migration.
-- One place for what the site check, the parcel compliance and the upload gate share: which plan
-- is in force on a day, whether a use is what the plan allows, and how a site lies over the plan.

-- Whether a use of GB 50137 class used_class (land_use_codes.plan_class) is what a plan zone of
-- class planned_class allows. Classes nest by prefix (M ⊃ M1, M2, M3): a use inside the planned
-- class is allowed (M2 in an M zone); a use stated only as coarsely as the plan's major class is
-- allowed too, since nothing in it contradicts the plan (0601 工业用地, class M, in an M2 zone);
-- two different classes at the same or different depth are not (M2 in an M1 zone, B1 in M).
-- A use without a planning class (farmland, sea) is allowed by no construction zone; null
-- planned_class (no zone) allows nothing either: the caller says "no plan" instead.
create or replace function plan_use_allows(planned_class text, used_class text) returns boolean
language sql immutable parallel safe as $$
    select planned_class is not null and used_class is not null
       and (starts_with(used_class, planned_class) or starts_with(planned_class, used_class))
$$;

-- Whether a plan zone approved on approved_on and repealed on repealed_on (exclusive) is in force on d.
create or replace function plan_in_force(approved_on date, repealed_on date, d date) returns boolean
language sql immutable parallel safe as $$
    select approved_on <= d and (repealed_on is null or repealed_on > d)
$$;

-- How a site (a polygon in EPSG:4490) lies over the plan in force on d and over what is stored:
-- one row per plan zone, control line, protected area and parcel it overlaps with a positive area,
-- layer being the collection. area_m2 is the overlap on the ellipsoid (geography, as every area
-- here), share the overlap's share of the site's own area. The && and ST_Intersects conditions let
-- each table's GiST index pick the candidates; the intersection is computed for those only, and once:
-- OFFSET 0 keeps the outer "overlap_m2 > 0" from being pushed into each branch, where PostgreSQL would
-- intersect and measure every candidate a second time for the filter.
create or replace function site_overlay(site geometry, d date)
returns table (layer text, code text, kind text, name text, overlap_m2 double precision, share double precision)
language sql stable parallel safe as $$
    with s as (select site as g, st_area(site::geography) as a)
    select o.layer, o.code, o.kind, o.name, o.overlap_m2, o.overlap_m2 / nullif(s.a, 0)
    from s, lateral (
        select 'plan_zones'::text as layer, z.code, z.land_use as kind, z.plan_name as name,
               st_area(st_intersection(z.geom, s.g)::geography) as overlap_m2
        from plan_zones as z
        where z.geom && s.g and st_intersects(z.geom, s.g) and plan_in_force(z.approved_on, z.repealed_on, d)
        union all
        select 'control_lines', l.code, l.kind, l.name, st_area(st_intersection(l.geom, s.g)::geography)
        from control_lines as l where l.geom && s.g and st_intersects(l.geom, s.g)
        union all
        select 'protected_areas', p.code, p.kind, p.name, st_area(st_intersection(p.geom, s.g)::geography)
        from protected_areas as p where p.geom && s.g and st_intersects(p.geom, s.g)
        union all
        select 'parcels', p.code, p.status, p.name, st_area(st_intersection(p.geom, s.g)::geography)
        from parcels as p where p.geom && s.g and st_intersects(p.geom, s.g)
        offset 0
    ) as o
    where o.overlap_m2 > 0
$$;
