-- Overview tiles skip parcels smaller than a pixel (area_m2 >= a bound). With a btree on the
-- area the planner can AND it with the GiST bitmap, so a low-zoom tile over many small parcels
-- no longer reads every one of them only to drop it.
create index parcels_area_idx on parcels (area_m2);
