-- A synthetic regulatory plan for the compliance benchmark (bench/compliance.sh). NOT sample data.
--   psql -v zones=10000 -f bench/compliance-plan.sql
-- Over lon 120.70-120.95, lat 27.78-27.98 (where gis-data/synthetic puts its parcels and the sample
-- lies): a sqrt(zones) x sqrt(zones) grid of plan zones cycling through M2, M1, R2, B1, G1 with plot
-- ratio, density and green bounds; a second edition of every 10th zone (the first repealed
-- 2020-01-01); a 30 m red line along every 5th grid row, a 60 m blue line along every 10th column;
-- 200 squares of basic farmland. Replaces any plan there was. Deterministic.
\set ON_ERROR_STOP on
\if :{?zones}
\else
\set zones 10000
\endif
begin;
delete from plan_zones; delete from control_lines; delete from protected_areas;
with g as (select ceil(sqrt(:zones))::int as n), cell as (
    select i, j, g.n, 120.70 + i * 0.25 / g.n as x0, 27.78 + j * 0.20 / g.n as y0, 0.25 / g.n as dx, 0.20 / g.n as dy
    from g, generate_series(0, (select n from g) - 1) as i, generate_series(0, (select n from g) - 1) as j
), z as (
    select *, (array['M2', 'M1', 'R2', 'B1', 'G1'])[1 + (i + j) % 5] as use from cell
)
insert into plan_zones (code, plan_name, edition, approved_on, repealed_on, land_use, land_use_edition,
                        plot_ratio_min, plot_ratio_max, building_density_max, green_ratio_min, geom)
select 'BZ-' || i || '-' || j || e.suffix, '合成控规', e.edition, e.approved, e.repealed, use, 'GB 50137-2011',
       case when use like 'M%' then 1.0 end, case use when 'G1' then null when 'R2' then 2.5 else 2.0 end + e.bonus,
       case when use = 'G1' then null else 0.45 end, case when use like 'M%' then 0.10 else 0.30 end,
       st_multi(st_makeenvelope(x0, y0, x0 + dx, y0 + dy, 4490))
from z cross join lateral (values ('', '2015', date '2015-01-01', case when (i * 7 + j) % 10 = 0 then date '2020-01-01' end, 0.0),
                                  ('-2020', '2020', date '2020-01-01', null::date, 0.5)) as e (suffix, edition, approved, repealed, bonus)
where e.suffix = '' or (i * 7 + j) % 10 = 0;

with g as (select ceil(sqrt(:zones))::int as n)
insert into control_lines (code, name, kind, width_m, geom)
select 'BR-' || j, '合成红线', 'red', 30, st_multi(st_makeenvelope(120.70, y - 0.000135, 120.95, y + 0.000135, 4490))
from g, generate_series(5, (select n from g) - 1, 5) as j, lateral (select 27.78 + j * 0.20 / g.n as y) as l
union all
select 'BB-' || i, '合成蓝线', 'blue', 60, st_multi(st_makeenvelope(x - 0.0003, 27.78, x + 0.0003, 27.98, 4490))
from g, generate_series(10, (select n from g) - 1, 10) as i, lateral (select 120.70 + i * 0.25 / g.n as x) as l;

insert into protected_areas (code, name, kind, geom)
select 'BF-' || k, '合成基本农田', 'basic_farmland',
       st_multi(st_makeenvelope(x, y, x + 0.002, y + 0.002, 4490))
from generate_series(1, 200) as k,
     lateral (select 120.70 + ((hashint8extended(k, 21) & 65535) / 65536.0) * 0.248 as x,
                     27.78 + ((hashint8extended(k, 22) & 65535) / 65536.0) * 0.198 as y) as r;
commit;
analyze plan_zones; analyze control_lines; analyze protected_areas;
select (select count(*) from plan_zones) as zones, (select count(*) from control_lines) as lines, (select count(*) from protected_areas) as protected;
