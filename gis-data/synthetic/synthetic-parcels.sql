-- Synthetic parcels for benchmarks (LandMap). NOT sample data, NOT loaded by default.
-- One INSERT ... SELECT over generate_series: 1,000,000 parcels in about 3 minutes.
--
--   psql -v count=1000000 -f gis-data/synthetic/synthetic-parcels.sql    (default count 1000000)
--
-- Needs the schema (0001/0002). Parks should be loaded first: every parcel takes the park
-- whose polygon is nearest its centre; with no parks a single park P-SYN is created.
-- Parcels: code SYN-0000001.., source 'synthetic', a grid of jittered quadrilaterals over
-- lon 120.70-120.95, lat 27.78-27.98 (1M parcels: ~24 m cells). Supplied parcels also get a
-- sold/allocated event. Deterministic: the same count gives the same rows.
-- Remove again (the history trigger would copy every deleted row, so switch it off):
--   begin; alter table parcels disable trigger parcels_history_delete;
--   delete from parcels where source = 'synthetic';
--   alter table parcels enable trigger parcels_history_delete;
--   delete from parks where code = 'P-SYN'; commit;
\set ON_ERROR_STOP on
\if :{?count}
\else
\set count 1000000
\endif

begin;

insert into parks (code, name_zh, name_en, kind, geom)
select 'P-SYN', '合成测试园区', 'Synthetic benchmark park', 'radiating',
       st_multi(st_makeenvelope(120.70, 27.78, 120.95, 27.98, 4490))
where not exists (select 1 from parks);

create temp table syn_parks on commit drop as select code, geom from parks;
create index on syn_parks using gist (geom);
analyze syn_parks;

with grid as (
    -- 0.25 deg of longitude is ~1.108 times 0.20 deg of latitude here: near-square cells.
    select :count::int as n,
           ceil(sqrt(:count::float8 * 1.108))::int as cols,
           ceil(:count::float8 / ceil(sqrt(:count::float8 * 1.108)))::int as rows
), cell as (
    select i, g.n,
           120.70 + ((i - 1) % g.cols) * (0.25 / g.cols) as x0,
           27.78 + ((i - 1) / g.cols) * (0.20 / g.rows) as y0,
           0.25 / g.cols as dx, 0.20 / g.rows as dy
    from grid g, generate_series(1, (select n from grid)) as i
), h as (
    -- hashint8extended gives well-mixed, repeatable pseudo-random numbers in [0, 1) per parcel.
    select c.*, (hashint8extended(i, 1) & 65535) / 65536.0 as h1, (hashint8extended(i, 2) & 65535) / 65536.0 as h2,
           (hashint8extended(i, 3) & 65535) / 65536.0 as h3, (hashint8extended(i, 4) & 65535) / 65536.0 as h4,
           (hashint8extended(i, 5) & 65535) / 65536.0 as h5, (hashint8extended(i, 6) & 65535) / 65536.0 as h6,
           (hashint8extended(i, 7) & 65535) / 65536.0 as h7, (hashint8extended(i, 8) & 65535) / 65536.0 as h8,
           (hashint8extended(i, 9) & 65535) / 65536.0 as h9, (hashint8extended(i, 10) & 65535) / 65536.0 as h10,
           (hashint8extended(i, 11) & 65535) / 65536.0 as h11
    from cell c
), a as (
    select h.*,
           (array['0601','0601','0601','0601','0601','0601','0508','0505','0701','0803','0805','0810','1004','1105','1201'])[1 + floor(h9 * 15)::int] as land_use
    from h
), s as (
    select a.*,
           case land_use
               when '1105' then 'unused_tidal_flat'
               when '1201' then case when h10 < 0.5 then 'reclaimed' else 'approved_unsupplied' end
               else (array['approved_unsupplied','supplied_unused','idle','in_use','in_use','in_use','under_used','low_efficiency'])[1 + floor(h10 * 8)::int]
           end as status
    from a
), d as (
    select s.*,
           status in ('supplied_unused','idle','in_use','under_used','low_efficiency') as supplied,
           status in ('in_use','under_used','low_efficiency') as started,
           make_date(case status when 'supplied_unused' then 2016 when 'low_efficiency' then 1998 + floor(h11 * 8)::int
                                 else 2005 + floor(h11 * 11)::int end,
                     1 + floor(h1 * 12)::int, 1 + floor(h2 * 28)::int) as supplied_on
    from s
), ins as (
    insert into parcels (code, name, park_code, land_use, status, supply_method, land_user, contract_no,
                         approved_on, supplied_on, agreed_start_on, actual_start_on, agreed_completion_on, actual_completion_on,
                         plot_ratio_min, plot_ratio_max, plot_ratio, building_density, green_ratio,
                         investment_agreed_wan, investment_actual_wan, developed_area_m2, development_area_m2, geom, source)
    select 'SYN-' || lpad(i::text, 7, '0'),
           null,
           (select p.code from syn_parks p
             order by p.geom <-> st_setsrid(st_makepoint(x0 + dx / 2, y0 + dy / 2), 4490) limit 1),
           land_use, status,
           case when supplied then case when land_use like '08%' or land_use = '1004' then 'allocation' else 'sale' end end,
           case when supplied then '合成用地单位' || (i % 5000) end,
           case when supplied then 'SYN-CR-' || i end,
           case when land_use <> '1105' then supplied_on - 200 end,
           case when supplied then supplied_on end,
           case when supplied then supplied_on + 180 end,
           case when started then supplied_on + 240 end,
           case when supplied then supplied_on + 900 end,
           case when started then supplied_on + 960 end,
           case when land_use in ('0601','0508') then 1.0 end,
           case when land_use in ('0601','0508') then 2.5 end,
           case when started and land_use in ('0601','0508') then round((case status when 'in_use' then 1.2 + 1.3 * h3
                                                   when 'under_used' then 0.4 + 0.5 * h3 else 0.3 + 0.4 * h3 end)::numeric, 2) end,
           case when started then round((0.25 + 0.3 * h4)::numeric, 4) end,
           case when supplied then round((0.10 + 0.2 * h5)::numeric, 4) end,
           case when supplied then round((150 + 250 * h6)::numeric, 2) end,
           case when started then round((150 + 250 * h6)::numeric * (0.4 + 0.8 * h7)::numeric, 2)
                when supplied then 0 end,
           -- A nominal 10,000 m2 to develop (synthetic): the developed share is then exact.
           case when started then round(least(1.0, 0.4 + 0.7 * h8)::numeric * 10000, 2) when supplied then 0 end,
           case when supplied then 10000 end,
           st_multi(st_makepolygon(st_makeline(array[
               st_setsrid(st_makepoint(x0 + dx * (0.06 + 0.16 * h1), y0 + dy * (0.06 + 0.16 * h2)), 4490),
               st_setsrid(st_makepoint(x0 + dx * (0.94 - 0.16 * h3), y0 + dy * (0.06 + 0.16 * h4)), 4490),
               st_setsrid(st_makepoint(x0 + dx * (0.94 - 0.16 * h5), y0 + dy * (0.94 - 0.16 * h6)), 4490),
               st_setsrid(st_makepoint(x0 + dx * (0.06 + 0.16 * h7), y0 + dy * (0.94 - 0.16 * h8)), 4490),
               st_setsrid(st_makepoint(x0 + dx * (0.06 + 0.16 * h1), y0 + dy * (0.06 + 0.16 * h2)), 4490)]))),
           'synthetic'
    from d
    returning id, supply_method, supplied_on
)
insert into parcel_events (parcel_id, kind, occurred_on, note)
select id, case supply_method when 'sale' then 'sold' else 'allocated' end, supplied_on, 'synthetic'
from ins
where supplied_on is not null;

commit;
analyze parcels;
analyze parcel_events;
select count(*) as synthetic_parcels from parcels where source = 'synthetic';
