-- The idle rule compares quantities, not rounded ratios (《闲置土地处置办法》 Article 2: 已动工开发
-- 建设用地面积占应动工开发建设用地总面积不足三分之一): a parcel keeps its developed land area and,
-- where it differs from the parcel's own area, the area it must develop; the built-area ratio
-- becomes a figure computed from them (stored, read-only) instead of a 4-decimal input, so
-- "developed x 3 < total" is decided exactly (0.3333 of the area is under a third; a third is not).
-- Investment amounts were already stored as amounts (万元, Article 30: without land price and taxes).
-- Start evidence (Article 30, 动工开发) is a coded fact with its date in actual_start_on.

alter table parcels
    add column developed_area_m2 numeric(14, 2) check (developed_area_m2 >= 0),
    add column development_area_m2 numeric(14, 2) check (development_area_m2 > 0);

comment on column parcels.developed_area_m2 is '已动工开发建设用地面积 (m2): the land area whose development has started';
comment on column parcels.development_area_m2 is '应动工开发建设用地总面积 (m2); null: the parcel''s area_m2';

-- The ratio as it was recorded becomes an area (2 decimals of a square metre: finer than any survey).
-- A change of representation, not an edit: no history version, no version bump.
alter table parcels disable trigger user;
update parcels set developed_area_m2 = round(built_area_ratio * area_m2::numeric, 2) where built_area_ratio is not null;
alter table parcels enable trigger user;

-- Earlier versions too, so an as-of read of history applies the same rule to the same facts.
update parcel_history
set attributes = attributes || jsonb_build_object('developed_area_m2',
        round((attributes ->> 'built_area_ratio')::numeric * (attributes ->> 'area_m2')::numeric, 2))
where attributes ->> 'built_area_ratio' is not null and attributes ->> 'area_m2' is not null;

-- Generated columns are computed after BEFORE triggers, so area_m2 (set by parcels_area) is the new one.
alter table parcels drop column built_area_ratio;
alter table parcels add column built_area_ratio numeric generated always as
    (round(developed_area_m2 / nullif(coalesce(development_area_m2, area_m2::numeric), 0), 4)) stored;
comment on column parcels.built_area_ratio is 'developed_area_m2 / (development_area_m2 or area_m2), 4 decimals, for display; the idle rule compares the areas';

-- Article 30: what counts as 动工开发 (development started).
create table start_evidence_kinds (like project_stages including all);
insert into start_evidence_kinds values
    ('foundation_pit_dug', '深基坑开挖完毕', 'Deep foundation pit dug', null, 1),
    ('all_piles_driven', '全部基础桩打入', 'All foundation piles driven', null, 2),
    ('foundation_third_done', '地基施工完成三分之一', 'A third of the foundation done', null, 3);

alter table parcels add column start_evidence text
    constraint parcels_start_evidence_fk references start_evidence_kinds (code);
comment on column parcels.start_evidence is '动工开发 evidence (Article 30) reached on actual_start_on';

-- The rule's signature changes (calendar years, exact shares): the repeatable script defines the new one.
drop function if exists parcel_state_at(parcels, date, integer, numeric, numeric, integer, numeric);
