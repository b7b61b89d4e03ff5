-- Issue 18 point 4: the legend's totals (/api/parcels/totals) from the overview grid, exact.
-- A cell of the grid counts whole for a bbox only when every one of its parcels surely touches the
-- bbox. Each parcel lies within the centre of its bounding box (inside its finest cell) plus half
-- its width and height, so a cell grown by the largest half-extents of its parcels holds all of
-- them: when that grown cell lies inside the bbox, all of them intersect it. Held per date and cell
-- like the cells themselves (built and refreshed in the same statements), finest grid (14) and the
-- coarser grids (the largest of the four under each), in lon/lat degrees of the storage CRS.
create table parcel_overview_margins (
    on_date date not null references parcel_overview_dates on delete cascade,
    z       smallint not null check (z between 10 and 14),
    cx      integer not null,
    cy      integer not null,
    half_w  double precision not null,
    half_h  double precision not null,
    primary key (on_date, z, cx, cy)
);

-- Dates already built get their margins from the parcels now (the same cell as
-- Repeatable/parcel_overview.sql's parcel_overview_cx/cy, written out: the repeatable functions are
-- only (re)defined after the migrations run), instead of a rebuild of every date.
with finest as (
    select floor((radians((st_xmin(geom) + st_xmax(geom)) / 2) * 6378137 + 20037508.342789244) / 152.8740565703525)::integer as cx,
           floor((20037508.342789244 - 6378137 * ln(tan(pi() / 4 + radians((st_ymin(geom) + st_ymax(geom)) / 2) / 2))) / 152.8740565703525)::integer as cy,
           max(st_xmax(geom) - st_xmin(geom)) / 2 as half_w, max(st_ymax(geom) - st_ymin(geom)) / 2 as half_h
    from parcels group by 1, 2
)
insert into parcel_overview_margins (on_date, z, cx, cy, half_w, half_h)
select d.on_date, g.z, f.cx >> (14 - g.z), f.cy >> (14 - g.z), max(f.half_w), max(f.half_h)
from parcel_overview_dates as d cross join generate_series(10, 14) as g(z) cross join finest as f
group by 1, 2, 3, 4;
