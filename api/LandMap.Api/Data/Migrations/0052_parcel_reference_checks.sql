-- Issue 18 point 3: the parcels' eight foreign keys (park, project, lifecycle state, supply method,
-- start evidence, the three land-use codes with their editions) became statement-level checks
-- (Repeatable/parcel_references.sql): a foreign key checks and locks its referenced row once per
-- written row (8 x 100,000 lookups cost 2.5-3.5 s of a 100,000-parcel upload's 5.2 s write), the
-- statement-level check once per distinct key. Same rules, same SQLSTATE (23503) and constraint
-- names, the referenced rows locked FOR KEY SHARE as a foreign key locks them.
alter table parcels
    drop constraint if exists parcels_park_code_fkey,
    drop constraint if exists parcels_project_code_fkey,
    drop constraint if exists parcels_status_fk,
    drop constraint if exists parcels_supply_method_fk,
    drop constraint if exists parcels_start_evidence_fk,
    drop constraint if exists parcels_land_use_fk,
    drop constraint if exists parcels_land_use_planned_fk,
    drop constraint if exists parcels_land_use_approved_fk;
