-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of land_use_edition_of() and its trigger. Change it here, never in a new migration.
-- A row written by SQL (the sample loader, scripts: never a client's file, which the API's validator
-- reads and refuses when a code is ambiguous) without the edition of a land-use code gets the current
-- edition (GB/T 21010-2017) when it has the code, else the one edition the code means one thing in;
-- else none, and the NOT NULL (land_use) or the pair CHECK (planned, approved) refuses the row.
-- GB/T 21010's first-level classes count as meanings too: '10' is 交通运输用地 there, 工矿用地 in the guide.
create or replace function land_use_edition_of(code text) returns text language sql stable as $$
    select case when bool_or(e.current) or count(distinct c.name_zh) = 1
                then (array_agg(c.standard order by e.current desc, e.sort) filter (where c.standard is not null))[1] end
    from (select standard, code, name_zh from land_use_codes
          union all
          select null, class_code, name_zh from land_use_classes) as c
    left join land_use_editions as e on e.edition = c.standard
    where c.code = land_use_edition_of.code
$$;

create or replace function parcels_land_use_edition() returns trigger language plpgsql as $$
begin
    if new.land_use is not null and new.land_use_edition is null then
        new.land_use_edition := land_use_edition_of(new.land_use);
    end if;
    if new.land_use_planned is not null and new.land_use_planned_edition is null then
        new.land_use_planned_edition := land_use_edition_of(new.land_use_planned);
    end if;
    if new.land_use_approved is not null and new.land_use_approved_edition is null then
        new.land_use_approved_edition := land_use_edition_of(new.land_use_approved);
    end if;
    return new;
end $$;

create or replace trigger parcels_land_use_edition before insert or update on parcels
    for each row execute function parcels_land_use_edition();
