-- Which lifecycle states a parcel is in once its land is supplied (sold, allocated, or a supply
-- date): the reports count supplied land (园区评价 已供应, 待建设) by this flag, so the list lives
-- with the states instead of in a report's SQL. parcel_state_at's supplied branch answers exactly
-- these states (tests/LandMap.IntegrationTests/Analytics/SuppliedStatesTests.cs checks both agree).
alter table lifecycle_states add column supplied boolean not null default false;
update lifecycle_states set supplied = true
where state in ('supplied_unused', 'suspected_idle', 'idle', 'in_use', 'under_used', 'low_efficiency');
