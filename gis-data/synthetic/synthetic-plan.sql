-- A synthetic regulatory plan for benchmarks (LandMap, issue 16). NOT sample data, NOT loaded by default.
--
--   psql -v zones=10000 -f gis-data/synthetic/synthetic-plan.sql      (default 10000 zones)
--
-- Needs the schema (0038). Over the synthetic parcels' extent (lon 120.70-120.95, lat 27.78-27.98):
-- `zones` plan zones in a grid (10,000: ~245 m x 222 m each), half of them of an earlier edition
-- (2012, repealed 2020-01-01) under the current one (2020), so "as planned on D" has two editions
-- to choose from; a 30 m road red line along every tenth grid row, a 40 m river blue line along
-- every seventh column, and basic farmland in every 50th cell's south-west quarter. Codes SYN-Z..,
-- SYN-L.., SYN-PA..; deterministic. Replaces an earlier synthetic plan (source 'synthetic').
\set ON_ERROR_STOP on
\if :{?zones}
\else
\set zones 10000
\endif

begin;
delete from plan_zones where source = 'synthetic';
delete from control_lines where source = 'synthetic';
delete from protected_areas where source = 'synthetic';

create temp table syn_grid on commit drop as
select i, (i - 1) % g.cols as c, (i - 1) / g.cols as r, g.cols, g.rows,
       120.70 + ((i - 1) % g.cols) * (0.25 / g.cols) as x0, 27.78 + ((i - 1) / g.cols) * (0.20 / g.rows) as y0,
       0.25 / g.cols as dx, 0.20 / g.rows as dy
from (select ceil(sqrt(:zones::float8 * 1.108))::int as cols,
             ceil(:zones::float8 / ceil(sqrt(:zones::float8 * 1.108)))::int as rows) as g,
     generate_series(1, :zones) as i;

-- The current edition: one zone per cell; uses cycle through the classes an industrial zone plans.
insert into plan_zones (code, plan_name, edition, approved_on, land_use, land_use_edition,
                        plot_ratio_min, plot_ratio_max, building_density_max, height_max_m, green_ratio_min, geom, source)
select 'SYN-Z' || lpad(i::text, 6, '0'), '合成控规', '2020', date '2020-01-01', u.use, 'GB 50137-2011',
       u.lo, u.hi, u.dens, u.height, u.green,
       st_multi(st_makeenvelope(x0, y0, x0 + dx, y0 + dy, 4490)), 'synthetic'
from syn_grid
cross join lateral (select (array['M1','M2','M1','W1','M2','B1','R2','G1','S1','U1'])[1 + (i % 10)] as use) as k
cross join lateral (select k.use,
    case when k.use like 'M%' or k.use like 'W%' then 1.0 when k.use in ('B1', 'R2') then 1.5 end as lo,
    case when k.use like 'M%' or k.use like 'W%' then 2.5 when k.use in ('B1', 'R2') then 3.0 end as hi,
    case when k.use in ('G1', 'S1') then null else 0.45 end as dens,
    case when k.use in ('G1', 'S1') then null else 60 end as height,
    case when k.use = 'G1' then 0.65 when k.use in ('S1', 'U1') then null else 0.15 end as green) as u;

-- The earlier edition (2012-2020) on every other cell: another use, repealed by the 2020 plan.
insert into plan_zones (code, plan_name, edition, approved_on, repealed_on, land_use, land_use_edition,
                        plot_ratio_min, plot_ratio_max, building_density_max, green_ratio_min, geom, source)
select 'SYN-Z12-' || lpad(i::text, 6, '0'), '合成控规（2012版）', '2012', date '2012-06-01', date '2020-01-01',
       (array['M2','M1','W2','M3'])[1 + (i % 4)], 'GB 50137-2011', 0.8, 2.0, 0.5, 0.10,
       st_multi(st_makeenvelope(x0, y0, x0 + dx, y0 + dy, 4490)), 'synthetic'
from syn_grid where i % 2 = 0;

-- Red lines along every tenth row boundary (30 m: ~0.00027 deg of latitude), blue along every seventh column (40 m).
insert into control_lines (code, name, kind, width_m, geom, source)
select 'SYN-LR' || lpad(r::text, 4, '0'), '合成道路红线 ' || r, 'red', 30,
       st_multi(st_makeenvelope(120.70, y - 0.000135, 120.95, y + 0.000135, 4490)), 'synthetic'
from (select distinct r, y0 as y from syn_grid where r % 10 = 0 and r > 0) as rows;
insert into control_lines (code, name, kind, width_m, geom, source)
select 'SYN-LB' || lpad(c::text, 4, '0'), '合成河道蓝线 ' || c, 'blue', 40,
       st_multi(st_makeenvelope(x - 0.0002, 27.78, x + 0.0002, 27.98, 4490)), 'synthetic'
from (select distinct c, x0 as x from syn_grid where c % 7 = 0 and c > 0) as cols;

insert into protected_areas (code, name, kind, geom, source)
select 'SYN-PA' || lpad(i::text, 6, '0'), '合成基本农田 ' || i, 'basic_farmland',
       st_multi(st_makeenvelope(x0, y0, x0 + dx / 2, y0 + dy / 2, 4490)), 'synthetic'
from syn_grid where i % 50 = 0;
commit;
analyze plan_zones;
analyze control_lines;
analyze protected_areas;
