-- The stored today's state and compliance for two dates: today, kept by the write path as before,
-- and the next day, built ahead by the refresher and taken over at the day's rollover (until now the
-- copy was rebuilt after midnight, and at 1,000,000 parcels under a 10,000-zone plan every reader
-- computed live for the ~22 minutes that took). Repeatable/parcel_today.sql has the functions.
-- The copy is emptied: the refresher rebuilds it, and readers compute live until it has.
truncate parcel_today, parcel_today_dirty;
delete from parcel_today_built;

-- One row per date held: today's (ahead false: maintained in the writers' transactions) and the
-- next day's (ahead true: built in the background, parcels written since in parcel_today_ahead_log).
alter table parcel_today_built
    drop constraint parcel_today_built_pkey,
    drop column one,
    add column ahead boolean not null default false,
    add primary key (on_date);

alter table parcel_today
    drop constraint parcel_today_pkey,
    add column on_date date not null,
    add primary key (on_date, parcel_id);

-- The parcels written since the next day's rows were computed (every write logs its parcels while a
-- copy is held; the refresher folds them into the next day's rows and at the rollover).
create table parcel_today_ahead_log (
    parcel_id bigint not null
);
