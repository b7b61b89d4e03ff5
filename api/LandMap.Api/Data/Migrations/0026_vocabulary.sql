-- The zone's vocabulary lives once, here: every coded value (parcel states, event kinds, project
-- stages, road and river states, ...) is a row with its Chinese and English names, its colour on
-- the map and its order in legends. The API answers it at /api/vocabulary, the upload and Part 4
-- validators read allowed values from it, queryables declare them as enums, and the columns that
-- hold a code reference it (0027), so adding a value is one insert and no code change.
-- Colours are the ones the web map drew with before (web/js/styles.js): Okabe-Ito for parcel
-- states, viridis for the ordered project stages.

-- A colour on the map: #RRGGBB.
create domain map_color as text check (value ~ '^#[0-9A-Fa-f]{6}$');

alter table lifecycle_states add column color map_color;
update lifecycle_states as s set color = v.color
from (values ('approved_unsupplied', '#E69F00'), ('supplied_unused', '#F0E442'), ('idle', '#D55E00'),
             ('in_use', '#009E73'), ('under_used', '#56B4E9'), ('low_efficiency', '#CC79A7'),
             ('unused_tidal_flat', '#D8CFAF'), ('reclaimed', '#8C6D31')) as v (state, color)
where s.state = v.state;

-- Event kinds had no order; this is the order the lifecycle runs in.
alter table lifecycle_event_kinds add column sort integer;
update lifecycle_event_kinds as k set sort = v.sort
from (values ('reported_for_approval', 1), ('reclaimed', 2), ('sold', 3), ('allocated', 4),
             ('cleared', 5), ('revitalised', 6), ('redevelopment_started', 7)) as v (kind, sort)
where k.kind = v.kind;
update lifecycle_event_kinds set sort = 100 where sort is null;
alter table lifecycle_event_kinds alter column sort set not null;

-- One shape for every list: code, names, colour (null: the map does not colour by it), legend order.
create table project_stages (
    code     text primary key,
    name_zh  text not null,
    name_en  text not null,
    color    map_color,
    sort     integer not null
);
insert into project_stages values
    ('negotiating', '洽谈', 'Negotiating', '#440154', 1),
    ('signed', '签约', 'Signed', '#443983', 2),
    ('land_supplied', '供地', 'Land supplied', '#31688E', 3),
    ('design', '设计', 'Design', '#21918C', 4),
    ('under_construction', '在建', 'Under construction', '#35B779', 5),
    ('completed', '竣工', 'Completed', '#90D743', 6),
    ('in_operation', '投产', 'In operation', '#FDE725', 7);

create table road_stages (like project_stages including all);
insert into road_stages values
    ('planned', '规划', 'Planned', '#7A7A7A', 1),
    ('under_construction', '在建', 'Under construction', '#D55E00', 2),
    ('open', '已通车', 'Open', '#4D4D4D', 3);

create table road_grades (like project_stages including all);
insert into road_grades values
    ('expressway', '快速路', 'Expressway', null, 1),
    ('arterial', '主干路', 'Arterial', null, 2),
    ('secondary', '次干路', 'Secondary', null, 3),
    ('branch', '支路', 'Branch', null, 4);

create table river_states (like project_stages including all);
insert into river_states values
    ('black_odorous', '黑臭', 'Black-odorous', '#222222', 1),
    ('rectifying', '整治中', 'Rectifying', '#E69F00', 2),
    ('clean', '达标', 'Clean', '#0072B2', 3);

create table reservoir_kinds (like project_stages including all);
insert into reservoir_kinds values
    ('plain_reservoir', '平原水库', 'Plain reservoir', null, 1),
    ('reservoir', '水库', 'Reservoir', null, 2);

create table reservoir_stages (like project_stages including all);
insert into reservoir_stages values
    ('planned', '规划', 'Planned', null, 1),
    ('under_construction', '在建', 'Under construction', null, 2),
    ('completed', '建成', 'Completed', null, 3);

create table park_kinds (like project_stages including all);
insert into park_kinds values
    ('core', '核心区', 'Core area', null, 1),
    ('radiating', '辐射园区', 'Radiating park', null, 2);

create table supply_methods (like project_stages including all);
insert into supply_methods values
    ('sale', '出让', 'Sale', null, 1),
    ('allocation', '划拨', 'Allocation', null, 2);

-- The editions of GB/T 21010 a code may belong to; `current` marks the one new data uses.
create table land_use_editions (
    edition text primary key, current boolean not null default false, sort integer not null);
insert into land_use_editions values ('GB/T 21010-2017', true, 1), ('GB/T 21010-2007', false, 2);
create unique index land_use_editions_one_current on land_use_editions (current) where current;

-- Land-use colours by first-level class (a code may override its class's colour), after the
-- land-use planning palette: farmland yellow, forest green, commerce red, industry brown, ...
alter table land_use_classes add column color map_color;
alter table land_use_codes add column color map_color;
update land_use_classes as c set color = v.color
from (values ('01', '#F5F57A'), ('02', '#BFE36B'), ('03', '#3C8F3E'), ('04', '#9BCB5C'), ('05', '#FF6F61'),
             ('06', '#BB9674'), ('07', '#FFD966'), ('08', '#FF7FBF'), ('09', '#8C8C5A'), ('10', '#A0A0A0'),
             ('11', '#6FB7E8'), ('12', '#D9D0B5')) as v (class_code, color)
where c.class_code = v.class_code;
