-- A parcel's area is computed once per written row instead of twice: as two generated columns,
-- area_m2 and area_mu each evaluated st_area(geom::geography) (generated columns cannot refer to
-- each other), the dearest step of inserting an upload's rows. Both become plain columns that one
-- BEFORE trigger fills from the geometry; writing either column directly is still refused, with the
-- error code a generated column gives. Stored values are kept as they are (no table rewrite).
alter table parcels alter column area_m2 drop expression;
alter table parcels alter column area_mu drop expression;

create function parcels_set_area() returns trigger language plpgsql as $$
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

create trigger parcels_area before insert or update on parcels
    for each row execute function parcels_set_area();
