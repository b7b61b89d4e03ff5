-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of parcels_set_area() and its trigger. Change it here, never in a new migration.
-- A parcel's area, computed once per written row from its geometry; writing area_m2 or
-- area_mu directly is refused with the error code a generated column gives.
create or replace function parcels_set_area() returns trigger language plpgsql as $$
begin
    if (tg_op = 'INSERT' and (new.area_m2 is not null or new.area_mu is not null))
       or (tg_op = 'UPDATE' and (new.area_m2 is distinct from old.area_m2 or new.area_mu is distinct from old.area_mu)) then
        raise exception 'column area_m2 or area_mu can only be computed from geom'
            using errcode = 'generated_always', hint = 'write geom; the areas follow';
    end if;
    -- An update that leaves the geometry as it was keeps its areas.
    if tg_op = 'UPDATE' and new.geom is not distinct from old.geom then
        return new;
    end if;
    new.area_m2 := st_area(new.geom::geography);
    new.area_mu := new.area_m2 * 15.0 / 10000.0;
    return new;
end $$;

create or replace trigger parcels_area before insert or update on parcels
    for each row execute function parcels_set_area();
