-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the current
-- definition of the parcels' compliance checks (issue 16). Change it here, never in a new migration.
-- The rules are the rows of compliance_rules (0041); docs/domain-facts.md "Planning compliance" says
-- where each comes from. Shared with the site check: plan_in_force() and plan_use_allows()
-- (planning_overlay.sql, which may be applied after this file: bodies are checked when run).
set local check_function_bodies = off;
-- Its parameters were renamed (create or replace cannot rename them).
drop function if exists parcel_plan_zones(geometry, double precision, date);

-- The overlap with a control line or protected area a parcel may have and still count as clear of
-- it (m², on the ellipsoid): LandMap:Planning:EncroachmentToleranceM2, the one bound the upload gate
-- and the site check use too, which the service writes into service_settings at start (10 m² when
-- absent, its default). Two shapes drawn along one edge overlap by a sliver: a straight edge in
-- EPSG:4549 is stored as a straight edge in lon/lat (EPSG:4490), which departs from it by millimetres
-- to centimetres, about 1 m² per 100 m of shared edge on the hand-made plan, 4.8 m² for a 100 m
-- parcel along the middle of a 2 km straight line edge. A 2 m strip taken along even 5 m of a line is 10 m².
drop function if exists compliance_encroachment_min_m2();
create or replace function encroachment_tolerance_m2() returns double precision
language sql stable parallel safe as $$
    select coalesce((select value::float8 from service_settings where name = 'encroachment_tolerance_m2'), 10.0)
$$;

-- The area (m², on the ellipsoid) of the part of site (whose own ellipsoidal area is site_m2) that
-- lies in g: the site's planar share in g (lon/lat degrees) times site_m2. Within a parcel the
-- degree-to-metre factor is constant to 1e-5, so the share is the ellipsoid's; the ellipsoidal area
-- of every intersection (the slow part) is never computed. All of the site in g: no intersection.
create or replace function overlap_m2(g geometry, site geometry, site_m2 double precision) returns double precision
language sql immutable parallel safe as $$
    select case when st_covers(g, site) then site_m2
                else st_area(st_intersection(g, site)) / nullif(st_area(site), 0) * site_m2 end
$$;

-- The plan zones in force on d that a site (a parcel; site_m2 its own ellipsoidal area) lies in for more than a
-- sliver: at least 1 % of the site. A parcel across two zones obeys each zone's figures (its own
-- plot ratio, density and green ratio against each zone's); the sliver bound keeps a boundary drawn
-- a metre off (a 100 m edge of a 1 ha parcel, 1 m wide, is 1 %) from putting it under a neighbour's
-- plan. overlap_m2: the part of the site in the zone, on the ellipsoid (overlap_m2()).
create or replace function parcel_plan_zones(site geometry, site_m2 double precision, d date)
returns table (code text, land_use text, plan_class text, plot_ratio_min numeric, plot_ratio_max numeric,
               building_density_max numeric, green_ratio_min numeric, overlap_m2 double precision)
language sql stable parallel safe as $$
    select z.code, z.land_use, c.plan_class, z.plot_ratio_min, z.plot_ratio_max, z.building_density_max,
           z.green_ratio_min, o.m2
    from plan_zones as z
    left join land_use_codes as c on c.standard = z.land_use_edition and c.code = z.land_use
    cross join lateral (select overlap_m2(z.geom, site, site_m2) as m2) as o
    where z.geom && site and st_intersects(z.geom, site) and plan_in_force(z.approved_on, z.repealed_on, d)
      and o.m2 >= 0.01 * site_m2
$$;

-- The use a parcel is checked by: its approved use (land_use_approved, what the supply contract
-- granted), else its current use; with its GB 50137 class (null for a use no construction class takes).
create or replace function parcel_use_class(p parcels) returns table (code text, plan_class text)
language sql stable parallel safe as $$
    select u.code, c.plan_class
    from (select coalesce(p.land_use_approved, p.land_use) as code,
                 case when p.land_use_approved is not null then p.land_use_approved_edition else p.land_use_edition end as edition) as u
    left join land_use_codes as c on c.standard = u.edition and c.code = u.code
$$;

-- Every rule parcel p fails on d, one row per rule and zone, line or area it fails against:
-- ref (the zone's, line's or area's code; the document for the national controls), the plan's
-- figure and the parcel's (ratios), the planned and the parcel's use (use_mismatch), area_m2 (the
-- part of the parcel in the zone, or the area taken from the line or protected area).
-- The parcel's use is its approved use (land_use_approved, what the supply contract granted), else
-- its current use, compared by GB 50137 class (land_use_codes.plan_class). A figure the parcel does
-- not have (null) fails nothing: the rule is not checked (a comparison with null is never true).
-- Exactly at a bound passes (numeric, so 1.5 is 1.5). Control lines count from their approval
-- day (none: always), protected areas from their designation; an encroachment counts past
-- encroachment_tolerance_m2().
create or replace function parcel_compliance_failures(p parcels, d date)
returns table (rule text, ref text, plan_value double precision, parcel_value double precision,
               plan_use text, parcel_use text, area_m2 double precision)
language sql stable parallel safe as $$
    with zones as materialized (select * from parcel_plan_zones(p.geom, p.area_m2, d)),
    used as (select * from parcel_use_class(p)),
    national as (select code, limit_value from compliance_rules where limit_value is not null)
    select 'use_mismatch', z.code, null::float8, null::float8, z.land_use, u.code, z.overlap_m2
    from zones as z, used as u where u.code is not null and not plan_use_allows(z.plan_class, u.plan_class)
    union all
    select 'plot_ratio_over', z.code, z.plot_ratio_max, p.plot_ratio, null, null, z.overlap_m2
    from zones as z where p.plot_ratio > z.plot_ratio_max
    union all
    select 'plot_ratio_under', z.code, z.plot_ratio_min, p.plot_ratio, null, null, z.overlap_m2
    from zones as z where p.plot_ratio < z.plot_ratio_min
    union all
    select 'density_over', z.code, z.building_density_max, p.building_density, null, null, z.overlap_m2
    from zones as z where p.building_density > z.building_density_max
    union all
    select 'green_under', z.code, z.green_ratio_min, p.green_ratio, null, null, z.overlap_m2
    from zones as z where p.green_ratio < z.green_ratio_min
    union all
    select r.code, l.code, null, null, null, null, a.m2
    from control_lines as l
    join compliance_rules as r on r.code = l.kind || '_line'
    cross join lateral (select overlap_m2(l.geom, p.geom, p.area_m2) as m2) as a
    where l.geom && p.geom and st_intersects(l.geom, p.geom) and (l.approved_on is null or l.approved_on <= d)
      and a.m2 > encroachment_tolerance_m2()
    union all
    select 'protected_area', x.code, null, null, null, null, a.m2
    from protected_areas as x
    cross join lateral (select overlap_m2(x.geom, p.geom, p.area_m2) as m2) as a
    where x.geom && p.geom and st_intersects(x.geom, p.geom) and (x.designated_on is null or x.designated_on <= d)
      and a.m2 > encroachment_tolerance_m2()
    union all
    -- 国土资发〔2008〕24号 《工业项目建设用地控制指标》, for industrial use (GB 50137 class M: GB/T 21010
    -- 0601 工业用地, the 2023 guide's 10 工矿用地/1001 工业用地, M1-M3).
    select n.code, '国土资发〔2008〕24号', n.limit_value, v.value, null, null, null
    from used as u
    cross join lateral (values ('industrial_coverage_under', p.building_coverage, -1),
                               ('industrial_green_over', p.green_ratio, 1),
                               ('industrial_admin_over', p.admin_facility_ratio, 1)) as v (rule, value, sense)
    join national as n on n.code = v.rule
    where starts_with(u.plan_class, 'M')
      and ((v.sense = -1 and v.value < n.limit_value) or (v.sense = 1 and v.value > n.limit_value))
$$;

-- The rules p fails on d, comma-separated in the rules' order; '' when it fails none and a plan zone
-- covers it; null when it fails none and no plan zone in force covers it (no plan to comply with).
create or replace function parcel_compliance_rules(p parcels, d date) returns text
language sql stable parallel safe as $$
    select coalesce(
        (select string_agg(r.code, ',' order by r.sort) from compliance_rules as r
         where r.code in (select f.rule from parcel_compliance_failures(p, d) as f)),
        (select '' where exists (select 1 from parcel_plan_zones(p.geom, p.area_m2, d))))
$$;

-- The parcel's compliance from its rules (parcel_compliance_rules): 'noncompliant' when it fails a
-- rule (with or without a plan: encroaching a red line needs none), 'compliant' when a plan covers
-- it and it fails none, 'no_plan' otherwise.
create or replace function parcel_compliance_of(rules text) returns text
language sql immutable parallel safe as $$
    select case when rules is null then 'no_plan' when rules = '' then 'compliant' else 'noncompliant' end
$$;

-- The rules that apply to p on d but cannot be checked for want of the parcel's figure: a zone sets
-- the bound (or the use is industrial, for the national controls) and the parcel has no value. Not
-- checked is never passed: the totals count these apart (GET /api/planning/compliance/totals).
create or replace function parcel_compliance_not_checked(p parcels, d date) returns setof text
language sql stable parallel safe as $$
    with zones as materialized (select * from parcel_plan_zones(p.geom, p.area_m2, d)),
    industrial as (select exists (select 1 from parcel_use_class(p) as u where starts_with(u.plan_class, 'M')) as yes)
    select v.rule
    from industrial as i cross join lateral (values
        ('plot_ratio_over', p.plot_ratio is null and exists (select 1 from zones where plot_ratio_max is not null)),
        ('plot_ratio_under', p.plot_ratio is null and exists (select 1 from zones where plot_ratio_min is not null)),
        ('density_over', p.building_density is null and exists (select 1 from zones where building_density_max is not null)),
        ('green_under', p.green_ratio is null and exists (select 1 from zones where green_ratio_min is not null)),
        ('industrial_coverage_under', p.building_coverage is null and i.yes),
        ('industrial_green_over', p.green_ratio is null and i.yes),
        ('industrial_admin_over', p.admin_facility_ratio is null and i.yes)) as v (rule, unchecked)
    where v.unchecked
$$;
