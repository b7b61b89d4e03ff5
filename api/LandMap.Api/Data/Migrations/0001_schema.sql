-- LandMap schema, version 1.
-- Every geometry is stored in EPSG:4490 (CGCS2000 geographic, lon/lat axis order as PostGIS
-- keeps it). Areas and lengths are generated from the geometry on the ellipsoid
-- (geography casts use the GRS80/WGS84 spheroid), so no one can type an area in.
-- 1 mu = 10000/15 m2.

create extension if not exists postgis;

-- Land-use codes (GB/T 21010) as data, with the standard's version beside each code.
create table land_use_codes (
    code        text primary key,
    standard    text not null check (standard in ('GB/T 21010-2017', 'GB/T 21010-2007')),
    class_code  text not null,
    name_zh     text not null,
    name_en     text not null
);

create table parks (
    id        bigint generated always as identity primary key,
    code      text not null unique,
    name_zh   text not null,
    name_en   text not null,
    kind      text not null check (kind in ('core', 'radiating')),
    geom      geometry(MultiPolygon, 4490) not null check (st_isvalid(geom)),
    area_m2   double precision generated always as (st_area(geom::geography)) stored,
    area_mu   double precision generated always as (st_area(geom::geography) * 15.0 / 10000.0) stored
);
create index parks_geom_idx on parks using gist (geom);

create table projects (
    id            bigint generated always as identity primary key,
    code          text not null unique,
    name_zh       text not null,
    name_en       text,
    park_code     text not null references parks (code),
    stage         text not null check (stage in ('negotiating', 'signed', 'land_supplied', 'design',
                                                 'under_construction', 'completed', 'in_operation')),
    industry      text,
    investment_yi numeric(12, 2) check (investment_yi >= 0),      -- 亿元 (100 million CNY)
    planned_area_mu numeric(12, 2) check (planned_area_mu >= 0),  -- as agreed, not measured
    geom          geometry(Point, 4490) not null
);
create index projects_geom_idx on projects using gist (geom);

create table parcels (
    id                     bigint generated always as identity primary key,
    code                   text not null unique,                  -- 宗地编号
    name                   text,
    park_code              text not null references parks (code),
    land_use               text not null references land_use_codes (code),
    status                 text not null check (status in ('approved_unsupplied', 'supplied_unused', 'idle',
                                                          'in_use', 'under_used', 'low_efficiency',
                                                          'unused_tidal_flat', 'reclaimed')),
    supply_method          text check (supply_method in ('sale', 'allocation')),  -- 出让 / 划拨
    land_user              text,
    contract_no            text,
    project_code           text references projects (code),
    approved_on            date,
    supplied_on            date,
    agreed_start_on        date,
    actual_start_on        date,
    agreed_completion_on   date,
    actual_completion_on   date,
    plot_ratio_min         numeric(6, 2),
    plot_ratio_max         numeric(6, 2),
    plot_ratio             numeric(6, 2),
    building_density       numeric(5, 4) check (building_density between 0 and 1),
    green_ratio            numeric(5, 4) check (green_ratio between 0 and 1),
    investment_agreed_wan  numeric(14, 2) check (investment_agreed_wan >= 0),  -- 万元
    investment_actual_wan  numeric(14, 2) check (investment_actual_wan >= 0),
    built_area_ratio       numeric(5, 4) check (built_area_ratio between 0 and 1),
    geom                   geometry(MultiPolygon, 4490) not null check (st_isvalid(geom)),
    area_m2                double precision generated always as (st_area(geom::geography)) stored,
    area_mu                double precision generated always as (st_area(geom::geography) * 15.0 / 10000.0) stored,
    version                integer not null default 1,
    updated_at             timestamptz not null default now(),
    updated_by             text not null default 'system',
    source                 text not null
);
create index parcels_geom_idx on parcels using gist (geom);
create index parcels_park_idx on parcels (park_code);
create index parcels_status_idx on parcels (status);

-- Lifecycle events (出让 sold, 划拨 allocated, 清理 cleared, 再开发 redevelopment started,
-- 盘活 revitalised, 报批 reported for approval, 围垦 reclaimed). Indicators sum the area of the
-- parcels that had an event of a kind in a period.
create table parcel_events (
    id          bigint generated always as identity primary key,
    parcel_id   bigint not null references parcels (id) on delete cascade,
    kind        text not null check (kind in ('sold', 'allocated', 'cleared', 'redevelopment_started',
                                              'revitalised', 'reported_for_approval', 'reclaimed')),
    occurred_on date not null,
    note        text,
    unique (parcel_id, kind, occurred_on)
);
create index parcel_events_kind_date_idx on parcel_events (kind, occurred_on);

-- Every earlier version of a parcel, written by trigger so no code path can forget it.
create table parcel_history (
    id          bigint generated always as identity primary key,
    parcel_id   bigint not null,
    version     integer not null,
    operation   text not null check (operation in ('update', 'delete')),
    attributes  jsonb not null,              -- the whole row as it was, without geometry
    geom        geometry(MultiPolygon, 4490) not null,
    valid_from  timestamptz not null,        -- when that version was written
    valid_to    timestamptz not null,        -- when it was replaced or deleted
    changed_by  text not null,               -- who wrote that version
    source      text not null,               -- where that version came from
    unique (parcel_id, version)
);
create index parcel_history_parcel_idx on parcel_history (parcel_id, version);

create function parcels_keep_history() returns trigger language plpgsql as $$
begin
    insert into parcel_history (parcel_id, version, operation, attributes, geom,
                                valid_from, valid_to, changed_by, source)
    values (old.id, old.version, lower(tg_op), to_jsonb(old) - 'geom', old.geom,
            old.updated_at, now(), old.updated_by, old.source);
    if tg_op = 'UPDATE' then
        new.version := old.version + 1;
        new.updated_at := now();
        return new;
    end if;
    return old;
end $$;

create trigger parcels_history_update before update on parcels
    for each row execute function parcels_keep_history();
create trigger parcels_history_delete before delete on parcels
    for each row execute function parcels_keep_history();

create table roads (
    id        bigint generated always as identity primary key,
    code      text not null unique,
    name      text not null,
    grade     text not null check (grade in ('expressway', 'arterial', 'secondary', 'branch')),
    stage     text not null check (stage in ('planned', 'under_construction', 'open')),
    opened_on date,
    geom      geometry(MultiLineString, 4490) not null check (st_isvalid(geom)),
    length_m  double precision generated always as (st_length(geom::geography)) stored
);
create index roads_geom_idx on roads using gist (geom);

create table rivers (
    id            bigint generated always as identity primary key,
    code          text not null unique,
    name          text not null,
    rectification text not null check (rectification in ('black_odorous', 'rectifying', 'clean')),
    rectified_on  date,
    geom          geometry(MultiLineString, 4490) not null check (st_isvalid(geom)),
    length_m      double precision generated always as (st_length(geom::geography)) stored
);
create index rivers_geom_idx on rivers using gist (geom);

create table reservoirs (
    id                bigint generated always as identity primary key,
    code              text not null unique,
    name              text not null,
    kind              text not null check (kind in ('plain_reservoir', 'reservoir')),
    capacity_10k_m3   numeric(12, 2) check (capacity_10k_m3 >= 0),   -- 万立方米
    stage             text not null check (stage in ('planned', 'under_construction', 'completed')),
    completed_on      date,
    geom              geometry(MultiPolygon, 4490) not null check (st_isvalid(geom)),
    area_m2           double precision generated always as (st_area(geom::geography)) stored
);
create index reservoirs_geom_idx on reservoirs using gist (geom);

-- Which gis-data files were loaded, so a second start loads nothing twice.
create table data_loads (
    file       text primary key,
    sha256     text not null,
    features   integer not null,
    loaded_at  timestamptz not null default now()
);
