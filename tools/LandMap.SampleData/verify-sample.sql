-- Verifies gis-data/*.geojson in PostGIS (how the numbers in gis-data/README.md were measured).
-- 1. Load the files into schema "stage" with ogr2ogr (see gis-data/README.md), then
-- 2. psql -f tools/LandMap.SampleData/verify-sample.sql
-- Copies stage.* into the real tables (so CHECK constraints and generated areas apply) and
-- prints validity, overlap, containment and the 2014 indicator sums.
\set ON_ERROR_STOP on
begin;
insert into parks (code, name_zh, name_en, kind, geom) select code, name_zh, name_en, kind, geom from stage.parks;
insert into projects (code, name_zh, name_en, park_code, stage, industry, investment_yi, planned_area_mu, geom)
select code, name_zh, name_en, park_code, stage, industry, investment_yi, planned_area_mu, geom from stage.projects;
insert into parcels (code, name, park_code, land_use, status, supply_method, land_user, contract_no, project_code,
                     approved_on, supplied_on, agreed_start_on, actual_start_on, agreed_completion_on, actual_completion_on,
                     plot_ratio_min, plot_ratio_max, plot_ratio, building_density, green_ratio,
                     investment_agreed_wan, investment_actual_wan, developed_area_m2, start_evidence, halted_on, geom, source)
select code, name, park_code, land_use, status, supply_method, land_user, contract_no, project_code,
       approved_on::date, supplied_on::date, agreed_start_on::date, actual_start_on::date, agreed_completion_on::date, actual_completion_on::date,
       plot_ratio_min, plot_ratio_max, plot_ratio, building_density, green_ratio,
       investment_agreed_wan, investment_actual_wan, developed_area_m2, start_evidence, halted_on::date, geom, 'sample'
from stage.parcels;
insert into parcel_events (parcel_id, kind, occurred_on)
select p.id, e->>'kind', (e->>'occurred_on')::date
from stage.parcels s join parcels p using (code), json_array_elements(s.events) e;
insert into roads (code, name, grade, stage, opened_on, geom) select code, name, grade, stage, opened_on::date, geom from stage.roads;
insert into rivers (code, name, rectification, rectified_on, geom) select code, name, rectification, rectified_on::date, geom from stage.rivers;
insert into reservoirs (code, name, kind, capacity_10k_m3, stage, completed_on, geom)
select code, name, kind, capacity_10k_m3, stage, completed_on::date, geom from stage.reservoirs;
commit;

select 'parks' t, count(*) from parks union all select 'projects', count(*) from projects
union all select 'parcels', count(*) from parcels union all select 'events', count(*) from parcel_events
union all select 'roads', count(*) from roads union all select 'rivers', count(*) from rivers
union all select 'reservoirs', count(*) from reservoirs;

select 'invalid geometries' as check, (select count(*) from parcels where not st_isvalid(geom))
     + (select count(*) from parks where not st_isvalid(geom)) + (select count(*) from reservoirs where not st_isvalid(geom)) as n
union all
select 'overlapping parcel pairs', count(*) from parcels a join parcels b on a.id < b.id and a.geom && b.geom
 where st_intersects(a.geom, b.geom) and st_area(st_intersection(a.geom, b.geom)) > 0
union all
select 'parcels not within their park', count(*) from parcels p join parks k on k.code = p.park_code where not st_within(p.geom, k.geom)
union all
select 'projects not within their park', count(*) from projects p join parks k on k.code = p.park_code where not st_within(p.geom, k.geom)
union all
select 'linked projects outside all their parcels', count(*) from projects j
 where exists (select 1 from parcels p where p.project_code = j.code)
   and not exists (select 1 from parcels p where p.project_code = j.code and st_within(j.geom, p.geom))
union all
select 'overlapping park pairs', count(*) from parks a join parks b on a.id < b.id and st_intersects(a.geom, b.geom)
union all
select 'parcels overlapping reservoirs', count(*) from parcels p join reservoirs r on st_intersects(p.geom, r.geom)
union all
select 'roads crossing parcels', count(distinct r.id) from roads r join parcels p on st_intersects(r.geom, p.geom)
union all
select 'rivers crossing parcels', count(distinct r.id) from rivers r join parcels p on st_intersects(r.geom, p.geom)
union all
select 'parcels with >1 counted 2014 event', count(*) from (
  select parcel_id from parcel_events where extract(year from occurred_on) = 2014
   and kind in ('sold','cleared','redevelopment_started','revitalised','reported_for_approval')
   group by parcel_id having count(*) > 1) x;

-- The 2014 indicators, as the report states them (1 mu = 10000/15 m2, ellipsoidal area).
with t(kind, report) as (values ('sold', 776.0), ('cleared', 4494.0), ('redevelopment_started', 1601.0),
                                ('revitalised', 620.0), ('reported_for_approval', 2505.0))
select t.kind, t.report,
       round(sum(p.area_mu)::numeric, 3) as measured_mu,
       round((100 * (sum(p.area_mu) - t.report) / t.report)::numeric, 4) as diff_pct,
       count(*) as parcels
from t join parcel_events e on e.kind = t.kind and e.occurred_on between '2014-01-01' and '2014-12-31'
join parcels p on p.id = e.parcel_id and (t.kind <> 'sold' or p.land_use like '06%')
group by t.kind, t.report order by t.report;

select status, count(*), round(sum(area_mu)) as mu from parcels group by status order by status;
select park_code, count(*) as parcels, round(sum(p.area_mu)) as parcel_mu, round((max(k.area_m2) / 1e6)::numeric, 2) as park_km2
from parcels p join parks k on k.code = p.park_code group by park_code order by park_code;
