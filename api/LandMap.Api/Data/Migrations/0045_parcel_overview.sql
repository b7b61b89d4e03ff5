-- Issue 18 point 1: the parcels' overview below the zoom where single parcels are legible, kept
-- as a grid of state shares. Each parcel counts, whole, in the one cell the centre of its bounding box falls in, so
-- the cells' sums are exactly the parcels' (no area is split or estimated); a tile of the grid
-- has a bounded number of cells whatever the number of parcels.
--
-- Cells are Web Mercator tiles: the grid served with tiles of zoom z (10..14) has cells of zoom
-- z + 4, i.e. 16 x 16 cells a tile (8 screen pixels each at 512-pixel tiles); the finest grid
-- (14, cells of zoom 18, ~135 m here) is built from the parcels, each coarser one by summing the
-- four cells under each of its own.

-- The dates the overview is held for (the zone's today and year ends the map's slider asks for),
-- and the idle rules it was computed under (other rules: rebuilt).
create table parcel_overview_dates (
    on_date  date primary key,
    rules    text not null,
    built_at timestamptz not null default now()
);

-- Per date, grid zoom, cell, shown state (the computed state on the date, the recorded status
-- where none: ParcelStateSql.Shown) and whether the parcels were approved by the date (the map's
-- year selection): how many parcels and their stored ellipsoidal area.
create table parcel_overview (
    on_date  date not null references parcel_overview_dates on delete cascade,
    z        smallint not null check (z between 10 and 14),
    cx       integer not null,
    cy       integer not null,
    state    text not null,
    approved boolean not null,
    parcels  integer not null check (parcels > 0),
    area_m2  double precision not null,
    primary key (on_date, z, cx, cy, state, approved)
);

-- Cells of the finest grid (zoom 18) whose parcels changed and are still to be folded in by the
-- service's refresher (Features/Tiles/OverviewRefresher): writes too large to refresh in their own
-- transaction, or made while a date was being built. A row with null cells asks for everything
-- again (truncate). Small writes refresh their cells themselves (Repeatable/parcel_overview.sql).
create table parcel_overview_dirty (
    cx integer,
    cy integer
);

-- The overview's own change counter: the refresher bumps it whenever cells change, and the
-- parcels' tile ETags include it, so a tile rendered before a refresh is never kept after it.
insert into collection_versions (collection) values ('parcel_overview');
