-- A land-use code carries its edition (issue 15 §4). Survey files use more than GB/T 21010-2017:
-- the third national land survey's working classification (三调工作分类, TD/T 1055-2019 附录A
-- 表A.2) refines it (05H1, 08H1, 1104A, ...), and 《国土空间调查、规划、用途管制用地用海分类指南》
-- (自然资发〔2023〕234号; trial edition 自然资办发〔2020〕51号) reuses the same four-digit codes with
-- other meanings (1001 = 工业用地 there, 铁路用地 in GB/T 21010-2017). So a code is only a meaning
-- with its edition: land_use_codes is keyed by (standard, code) and every land-use column of a
-- parcel has its edition column beside it. docs/domain-facts.md lists the sources.

-- The editions: a short alias for request parameters, names, the edition a refinement extends
-- (a 三调 file also uses every GB/T 21010-2017 code it does not refine), and whether the code's
-- leading digits are the GB/T 21010 first-level class (the map's class filter relies on it).
alter table land_use_editions
    add column alias text unique,
    add column name_zh text,
    add column name_en text,
    add column extends text references land_use_editions (edition),
    add column gbt_classes boolean not null default true,
    add column source text;
update land_use_editions as e set alias = v.alias, name_zh = v.zh, name_en = v.en, source = v.source
from (values
    ('GB/T 21010-2017', '2017', '土地利用现状分类 GB/T 21010-2017', 'Current land use classification GB/T 21010-2017',
     'GB/T 21010-2017, in force 2017-11-01'),
    ('GB/T 21010-2007', '2007', '土地利用现状分类 GB/T 21010-2007', 'Current land use classification GB/T 21010-2007',
     'GB/T 21010-2007, replaced by the 2017 edition; the second national land survey''s list')
) as v (edition, alias, zh, en, source)
where e.edition = v.edition;
insert into land_use_editions (edition, current, sort, alias, name_zh, name_en, extends, gbt_classes, source) values
    ('TD/T 1055-2019', false, 3, 'sandiao', '第三次全国国土调查工作分类', 'Third national land survey working classification',
     'GB/T 21010-2017', true, 'TD/T 1055-2019 第三次全国国土调查技术规程, 附录A 表A.2'),
    ('用地用海分类指南-2023', false, 4, '2023', '国土空间调查、规划、用途管制用地用海分类指南',
     'Land and sea use classification guide for territorial spatial survey, planning and use control',
     null, false, '自然资发〔2023〕234号 (2023-11); trial edition 自然资办发〔2020〕51号');
alter table land_use_editions alter column alias set not null, alter column name_zh set not null, alter column name_en set not null;

-- The code's first-level class in its own edition (GB/T 21010: the same as class_code; the guide:
-- its own 01..24). class_code stays the GB/T 21010 first-level class the reports group by.
alter table land_use_codes add column edition_class text;
update land_use_codes set edition_class = class_code;

-- 0508 物流仓储用地 is not in GB/T 21010-2017 (its storage is 0604 仓储用地 under 06): the 三调
-- working classification moved storage to 05 商业服务业用地 as 0508. Its class stays 05, as 三调 has it.
update land_use_codes set standard = 'TD/T 1055-2019' where code = '0508';

-- Parcels: current use (现状), planned use (规划: the regulatory plan) and approved use (批准: what
-- the supply contract granted), each with its edition. The current rows' edition is the one their
-- code had (codes were unique until now). History triggers are off: nothing about a parcel changed.
alter table parcels
    add column land_use_edition text,
    add column land_use_planned text,
    add column land_use_planned_edition text,
    add column land_use_approved text,
    add column land_use_approved_edition text;
alter table parcels disable trigger user;
update parcels as p set land_use_edition = c.standard from land_use_codes as c where c.code = p.land_use;
alter table parcels enable trigger user;
alter table parcels alter column land_use_edition set not null;
update parcel_history as h set attributes = h.attributes || jsonb_build_object('land_use_edition', c.standard)
from land_use_codes as c where c.code = h.attributes ->> 'land_use';

alter table parcels drop constraint parcels_land_use_fkey;
alter table land_use_codes drop constraint land_use_codes_pkey;
alter table land_use_codes add primary key (standard, code);
alter table parcels
    add constraint parcels_land_use_fk foreign key (land_use_edition, land_use) references land_use_codes (standard, code),
    add constraint parcels_land_use_planned_fk foreign key (land_use_planned_edition, land_use_planned) references land_use_codes (standard, code),
    add constraint parcels_land_use_approved_fk foreign key (land_use_approved_edition, land_use_approved) references land_use_codes (standard, code),
    -- An edition without a code (or a code without one) means nothing.
    add constraint parcels_land_use_planned_edition check ((land_use_planned is null) = (land_use_planned_edition is null)),
    add constraint parcels_land_use_approved_edition check ((land_use_approved is null) = (land_use_approved_edition is null)),
    add constraint parcels_land_use_planned_bound check (char_length(land_use_planned) <= 64),
    add constraint parcels_land_use_approved_bound check (char_length(land_use_approved) <= 64);
