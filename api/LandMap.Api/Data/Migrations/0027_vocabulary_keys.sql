-- The columns that hold a code reference their vocabulary table (0026) instead of restating its
-- values in a CHECK: a value is valid when it is a row, so adding one is an insert, not a migration.
-- No ON UPDATE/DELETE action: a code in use can be neither renamed nor removed.
do $$
declare
    k record;
begin
    for k in select * from (values
        ('parks', 'kind', 'park_kinds', 'code'),
        ('projects', 'stage', 'project_stages', 'code'),
        ('parcels', 'status', 'lifecycle_states', 'state'),
        ('parcels', 'supply_method', 'supply_methods', 'code'),
        ('parcel_events', 'kind', 'lifecycle_event_kinds', 'kind'),
        ('roads', 'grade', 'road_grades', 'code'),
        ('roads', 'stage', 'road_stages', 'code'),
        ('rivers', 'rectification', 'river_states', 'code'),
        ('reservoirs', 'kind', 'reservoir_kinds', 'code'),
        ('reservoirs', 'stage', 'reservoir_stages', 'code'),
        ('land_use_codes', 'standard', 'land_use_editions', 'edition')
    ) as t (tab, col, vocabulary, key)
    loop
        -- 0001 named each CHECK <table>_<column>_check.
        execute format('alter table %I drop constraint %I, add constraint %I foreign key (%I) references %I (%I)',
                       k.tab, k.tab || '_' || k.col || '_check', k.tab || '_' || k.col || '_fk', k.col, k.vocabulary, k.key);
    end loop;
end $$;
