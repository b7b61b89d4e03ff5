-- Issue 18 point 4: the parcels' computed state and compliance on the zone's today, stored, so the
-- items' filters, the compliance report and totals and the supervision watch list read a row per
-- parcel instead of computing a million states per request. Kept by the write path
-- (Repeatable/parcel_today.sql) and rebuilt by the service's refresher (Data/ParcelTodayRefresher)
-- when the day, the idle rules or the compliance rules change. Readers use it only while
-- parcel_today_built names their date and rules and nothing is marked in parcel_today_dirty;
-- otherwise they compute live (ParcelTodaySql), so a stale day is never served.

-- The one date and idle rules (ParcelStateSql.RulesKey) the stored rows were computed for; no row:
-- nothing usable (not built yet, or the compliance rules or the tolerance changed since).
create table parcel_today_built (
    one      boolean primary key default true check (one),
    on_date  date not null,
    rules    text not null,
    built_at timestamptz not null default now()
);

-- One row per parcel: parcel_state_at()'s columns and the compliance (parcel_compliance_rules()).
create table parcel_today (
    parcel_id          bigint primary key,
    state              text,
    idle_on            date,
    idle_rule          text,
    determined_on      date,
    recoverable_on     date,
    compliance         text not null,
    noncompliant_rules text not null,
    not_checked        text[] not null
);

-- Parcels written while a rebuild ran (it holds the lock the write path takes shared): refreshed by
-- the refresher's next round; while any is marked, readers compute live.
create table parcel_today_dirty (
    parcel_id bigint not null
);

-- Settings the database's own functions read (written by the service at start from its
-- configuration): encroachment_tolerance_m2() reads encroachment_tolerance_m2 from here.
create table service_settings (
    name  text primary key,
    value text not null
);
