-- Repeatable: re-applied after the migrations on every run (Migrator); change it here, never in a new
-- migration. A plan zone written by SQL (the sample loader, scripts; the API's validator resolves a
-- client's file itself) without the edition of its planned use gets the one planning classification
-- that has the code: GB 50137-2011 (letter codes, M2) or the 2023 land and sea use guide (digit codes,
-- 1001 工业用地, never GB/T 21010's 1001 铁路用地: a plan assigns planning classes, and GB/T 21010 is the
-- survey's classification). A code neither has: the parcels' rule (land_use_edition_of, in
-- parcels_land_use_edition.sql); still none: the NOT NULL refuses the row.
create or replace function plan_zones_land_use_edition() returns trigger language plpgsql as $$
begin
    if new.land_use is not null and new.land_use_edition is null then
        select case when count(*) = 1 then min(standard) end into new.land_use_edition
        from land_use_codes
        where code = new.land_use and standard in ('GB 50137-2011', '用地用海分类指南-2023');
        if new.land_use_edition is null then
            new.land_use_edition := land_use_edition_of(new.land_use);
        end if;
    end if;
    return new;
end $$;

create or replace trigger plan_zones_land_use_edition before insert or update on plan_zones
    for each row execute function plan_zones_land_use_edition();
