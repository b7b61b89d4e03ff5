-- The Chinese a zone official reads (issue 15 §5).
--
-- 1. A project's stage reads by what the project is: a factory 投产 (goes into production), a park,
--    hospital or kindergarten 投用 (is put into use). Projects carry a kind (project_kinds, with
--    `industrial`), and a stage may carry the names a non-industrial project uses; null: the same
--    name for every kind. A project without a kind reads the stage's own name (the old one).
create table project_kinds (
    code       text primary key,
    name_zh    text not null,
    name_en    text not null,
    color      map_color,
    sort       integer not null,
    industrial boolean not null
);
insert into project_kinds values
    ('industrial', '产业项目', 'Industrial project', null, 1, true),
    ('public_service', '公共服务项目', 'Public service project', null, 2, false),
    ('infrastructure', '基础设施项目', 'Infrastructure project', null, 3, false),
    ('commercial', '商业与住宅项目', 'Commercial and residential project', null, 4, false);

alter table project_stages add column name_zh_nonindustrial text, add column name_en_nonindustrial text;
update project_stages set name_zh_nonindustrial = '投用', name_en_nonindustrial = 'In use' where code = 'in_operation';

alter table projects add column kind text constraint projects_kind_fk references project_kinds (code);
-- The projects stored before kinds existed, by their industry (the sample's words); the rest stay
-- without a kind until someone records it.
update projects set kind = case
    when industry in ('education', 'health care', 'culture and sports', 'public park', 'housing') then 'public_service'
    when industry in ('transport', 'power supply', 'water utilities', 'environmental utilities', 'renewable energy', 'reclamation') then 'infrastructure'
    when industry in ('business and finance', 'real estate') then 'commercial'
    when industry is not null then 'industrial'
end;

-- 2. A river's works and its water are two facts: 整治完成 (the rectification works are done, on
--    rectified_on) says nothing of whether the water reached the standard (水质达标, on
--    water_quality_on). 'clean' named the first with the second's word (达标); it becomes
--    'rectified', and the rivers recorded 'clean' keep what that record said: works done and the
--    water up to standard, on the date recorded.
insert into river_states values ('rectified', '整治完成', 'Rectified', '#0072B2', 3);
create table water_quality_states (like project_stages including all);
alter table water_quality_states drop column name_zh_nonindustrial, drop column name_en_nonindustrial;
insert into water_quality_states values
    ('below_standard', '未达标', 'Below the standard', '#D55E00', 1),
    ('meets_standard', '达标', 'Meets the standard', '#0072B2', 2);
alter table rivers add column water_quality text constraint rivers_water_quality_fk references water_quality_states (code),
                   add column water_quality_on date;
update rivers set water_quality = 'meets_standard', water_quality_on = rectified_on where rectification = 'clean';
update rivers set water_quality = 'below_standard' where rectification = 'black_odorous';
update rivers set rectification = 'rectified' where rectification = 'clean';
delete from river_states where code = 'clean';

-- 3. The seed's term for the parks around the core: 辐射带动区.
update park_kinds set name_zh = '辐射带动区', name_en = 'Radiating area' where code = 'radiating';
