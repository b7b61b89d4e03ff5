-- pgbench script (bench/items.sh, party b): LandMap's items page for a random box of the list,
-- run straight in PostgreSQL. The select is the text LandMap sends (ItemsSql.Page, seen in the
-- server log): a first page counts its matches (bounded at 10,001) in the same round trip, then
-- the feature JSON text is built by PostgreSQL, order by id, limit 100 + 1.
-- Run with -M extended: like Npgsql (no auto-prepare), an unnamed statement, values as parameters.
-- The box lookup in bench.bbox (the list, loaded by items.sh) is one extra tiny round trip.
--   pgbench "host=127.0.0.1 port=55460 user=postgres dbname=landmap_bench" -n -M extended \
--           -c16 -j2 -T30 -f bench/page.sql
\set i random(1, 1000)
\set lim 101
select minx, miny, maxx, maxy from bench.bbox where i = :i \gset
select count(*) from (select 1 from parcels where st_intersects(geom, st_makeenvelope(:minx, :miny, :maxx, :maxy, 4490)) limit 10001) as s;
select id, '{"type":"Feature","id":' || id || ',"geometry":' || st_asgeojson(geom, 7, 0) || ',"properties":' || json_build_object('code', code, 'name', name, 'park_code', park_code, 'land_use', land_use, 'status', status, 'supply_method', supply_method, 'land_user', land_user, 'contract_no', contract_no, 'project_code', project_code, 'approved_on', approved_on, 'supplied_on', supplied_on, 'agreed_start_on', agreed_start_on, 'actual_start_on', actual_start_on, 'agreed_completion_on', agreed_completion_on, 'actual_completion_on', actual_completion_on, 'plot_ratio_min', plot_ratio_min, 'plot_ratio_max', plot_ratio_max, 'plot_ratio', plot_ratio, 'building_density', building_density, 'green_ratio', green_ratio, 'investment_agreed_wan', investment_agreed_wan, 'investment_actual_wan', investment_actual_wan, 'developed_area_m2', developed_area_m2, 'development_area_m2', development_area_m2, 'start_evidence', start_evidence, 'built_area_ratio', built_area_ratio, 'area_m2', round(area_m2::numeric, 4), 'area_mu', round(area_mu::numeric, 4), 'version', version, 'updated_at', updated_at)::text || '}', null from parcels where st_intersects(geom, st_makeenvelope(:minx, :miny, :maxx, :maxy, 4490)) order by id limit :lim;
