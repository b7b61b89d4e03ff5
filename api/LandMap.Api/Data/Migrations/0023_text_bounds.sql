-- Text bounds as CHECK constraints: the last line behind the validator (uploads and Part 4 edits
-- refuse first, per feature, with TooLong / InvalidCode). The bounds mirror the collection catalog
-- (TextBounds in Features/Collections/CollectionCatalog.cs; a test compares them): codes match
-- ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$, names and other free text hold at most 500 characters.
-- Enum columns have their CHECKs already; park_code, project_code and land_use reference codes.
-- NOT VALID: rows already stored are not re-checked (a deployment with an odd old code still
-- migrates); every insert and update from now on is.
alter table parks add constraint parks_code_bound check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') not valid;
alter table parks add constraint parks_name_zh_bound check (char_length(name_zh) <= 500) not valid;
alter table parks add constraint parks_name_en_bound check (char_length(name_en) <= 500) not valid;
alter table projects add constraint projects_code_bound check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') not valid;
alter table projects add constraint projects_name_zh_bound check (char_length(name_zh) <= 500) not valid;
alter table projects add constraint projects_name_en_bound check (char_length(name_en) <= 500) not valid;
alter table projects add constraint projects_industry_bound check (char_length(industry) <= 500) not valid;
alter table parcels add constraint parcels_code_bound check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') not valid;
alter table parcels add constraint parcels_name_bound check (char_length(name) <= 500) not valid;
alter table parcels add constraint parcels_land_user_bound check (char_length(land_user) <= 500) not valid;
alter table parcels add constraint parcels_contract_no_bound check (char_length(contract_no) <= 500) not valid;
alter table roads add constraint roads_code_bound check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') not valid;
alter table roads add constraint roads_name_bound check (char_length(name) <= 500) not valid;
alter table rivers add constraint rivers_code_bound check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') not valid;
alter table rivers add constraint rivers_name_bound check (char_length(name) <= 500) not valid;
alter table reservoirs add constraint reservoirs_code_bound check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') not valid;
alter table reservoirs add constraint reservoirs_name_bound check (char_length(name) <= 500) not valid;
