-- The plan the parcels must obey (issue 16): regulatory plan zones (控制性详细规划 地块), control
-- lines (道路红线, 河道蓝线, 绿线, 黄线) and protected areas no parcel may take (永久基本农田,
-- 生态保护红线, sea areas closed to development). Each is a feature collection like the first six:
-- a version, who wrote it, history kept by trigger (Repeatable/features_keep_history.sql), a change
-- counter and a row count (Repeatable/bump_collection_version.sql, count_collection_rows.sql).

-- GB 50137-2011 《城市用地分类与规划建设用地标准》: the classes a regulatory plan assigns. A plan
-- zone's use is a land-use code with its edition like any other (land_use_codes), so validators,
-- queryables and the code book need nothing new. class_code: the GB/T 21010 first-level class of the
-- same use, which the reports group by (docs/domain-facts.md "Planned land use").
insert into land_use_editions (edition, current, sort, alias, name_zh, name_en, extends, gbt_classes, source) values
    ('GB 50137-2011', false, 5, 'gb50137', '城市用地分类与规划建设用地标准', 'Code for classification of urban land use and planning standards of development land',
     null, false, 'GB 50137-2011 (in force 2012-01-01), 表3.3.2 城市建设用地分类');

insert into land_use_codes (standard, code, class_code, edition_class, name_zh, name_en) values
    ('GB 50137-2011', 'R', '07', 'R', '居住用地', 'Residential land'),
    ('GB 50137-2011', 'R1', '07', 'R', '一类居住用地', 'Class 1 residential land'),
    ('GB 50137-2011', 'R2', '07', 'R', '二类居住用地', 'Class 2 residential land'),
    ('GB 50137-2011', 'R3', '07', 'R', '三类居住用地', 'Class 3 residential land'),
    ('GB 50137-2011', 'A', '08', 'A', '公共管理与公共服务设施用地', 'Public administration and service facility land'),
    ('GB 50137-2011', 'A1', '08', 'A', '行政办公用地', 'Administration and office land'),
    ('GB 50137-2011', 'A2', '08', 'A', '文化设施用地', 'Cultural facility land'),
    ('GB 50137-2011', 'A3', '08', 'A', '教育科研用地', 'Education and research land'),
    ('GB 50137-2011', 'A4', '08', 'A', '体育用地', 'Sports land'),
    ('GB 50137-2011', 'A5', '08', 'A', '医疗卫生用地', 'Medical and health land'),
    ('GB 50137-2011', 'A6', '08', 'A', '社会福利用地', 'Social welfare land'),
    ('GB 50137-2011', 'B', '05', 'B', '商业服务业设施用地', 'Commercial and service facility land'),
    ('GB 50137-2011', 'B1', '05', 'B', '商业用地', 'Commercial land'),
    ('GB 50137-2011', 'B2', '05', 'B', '商务用地', 'Business land'),
    ('GB 50137-2011', 'B3', '05', 'B', '娱乐康体用地', 'Recreation and fitness land'),
    ('GB 50137-2011', 'B4', '05', 'B', '公用设施营业网点用地', 'Utility business outlet land'),
    ('GB 50137-2011', 'B9', '05', 'B', '其他服务设施用地', 'Other service facility land'),
    ('GB 50137-2011', 'M', '06', 'M', '工业用地', 'Industrial land'),
    ('GB 50137-2011', 'M1', '06', 'M', '一类工业用地', 'Class 1 industrial land'),
    ('GB 50137-2011', 'M2', '06', 'M', '二类工业用地', 'Class 2 industrial land'),
    ('GB 50137-2011', 'M3', '06', 'M', '三类工业用地', 'Class 3 industrial land'),
    ('GB 50137-2011', 'W', '06', 'W', '物流仓储用地', 'Logistics and warehouse land'),
    ('GB 50137-2011', 'W1', '06', 'W', '一类物流仓储用地', 'Class 1 logistics and warehouse land'),
    ('GB 50137-2011', 'W2', '06', 'W', '二类物流仓储用地', 'Class 2 logistics and warehouse land'),
    ('GB 50137-2011', 'W3', '06', 'W', '三类物流仓储用地', 'Class 3 logistics and warehouse land'),
    ('GB 50137-2011', 'S', '10', 'S', '道路与交通设施用地', 'Road and transport facility land'),
    ('GB 50137-2011', 'S1', '10', 'S', '城市道路用地', 'Urban road land'),
    ('GB 50137-2011', 'S2', '10', 'S', '城市轨道交通用地', 'Urban rail transit land'),
    ('GB 50137-2011', 'S3', '10', 'S', '交通枢纽用地', 'Transport hub land'),
    ('GB 50137-2011', 'S4', '10', 'S', '交通场站用地', 'Transport station land'),
    ('GB 50137-2011', 'S9', '10', 'S', '其他交通设施用地', 'Other transport facility land'),
    ('GB 50137-2011', 'U', '08', 'U', '公用设施用地', 'Public utility land'),
    ('GB 50137-2011', 'U1', '08', 'U', '供应设施用地', 'Supply facility land'),
    ('GB 50137-2011', 'U2', '08', 'U', '环境设施用地', 'Environmental facility land'),
    ('GB 50137-2011', 'U3', '08', 'U', '安全设施用地', 'Safety facility land'),
    ('GB 50137-2011', 'U9', '08', 'U', '其他公用设施用地', 'Other public utility land'),
    ('GB 50137-2011', 'G', '08', 'G', '绿地与广场用地', 'Green space and square land'),
    ('GB 50137-2011', 'G1', '08', 'G', '公园绿地', 'Park green space'),
    ('GB 50137-2011', 'G2', '08', 'G', '防护绿地', 'Protective green space'),
    ('GB 50137-2011', 'G3', '08', 'G', '广场用地', 'Square land'),
    ('GB 50137-2011', 'E1', '11', 'E', '水域', 'Water area'),
    ('GB 50137-2011', 'E2', '01', 'E', '农林用地', 'Agricultural and forest land');

-- Kinds of control line (城市规划"四线": 《城市紫线管理办法》 aside, the red line of roads, the blue
-- line of waters 《城市蓝线管理办法》, the green line 《城市绿线管理办法》, the yellow line of utilities
-- 《城市黄线管理办法》).
create table control_line_kinds (like project_stages including all);
insert into control_line_kinds values
    ('red', '道路红线', 'Road red line', '#E0201B', 1),
    ('blue', '河道蓝线', 'River blue line', '#1F6FD1', 2),
    ('green', '绿线', 'Green line', '#2E9E3E', 3),
    ('yellow', '黄线', 'Yellow line (utilities)', '#E8B10E', 4);

create table protected_area_kinds (like project_stages including all);
insert into protected_area_kinds values
    ('basic_farmland', '永久基本农田', 'Permanent basic farmland', '#F2D21B', 1),
    ('ecological_red_line', '生态保护红线', 'Ecological protection red line', '#2F8F4E', 2),
    ('sea_no_development', '禁止开发海域', 'Sea area closed to development', '#2B74B8', 3);

-- A regulatory plan zone. Plans are revised: every edition is kept; a zone is in force from
-- approved_on until repealed_on (exclusive; null while in force), so "as planned on date D" is the
-- rows whose interval holds D. Indicators: null where the plan sets none.
create table plan_zones (
    id                    bigint generated always as identity primary key,
    code                  text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    plan_name             text not null check (char_length(plan_name) <= 500),
    plan_unit             text check (char_length(plan_unit) <= 500),
    edition               text not null check (char_length(edition) <= 500),
    approval_doc          text check (char_length(approval_doc) <= 500),
    approved_on           date not null,
    repealed_on           date check (repealed_on > approved_on),
    land_use              text not null,
    land_use_edition      text not null,
    plot_ratio_min        numeric(6, 2) check (plot_ratio_min >= 0),
    plot_ratio_max        numeric(6, 2) check (plot_ratio_max >= 0),
    building_density_max  numeric(5, 4) check (building_density_max between 0 and 1),
    height_max_m          numeric(7, 2) check (height_max_m >= 0),
    green_ratio_min       numeric(5, 4) check (green_ratio_min between 0 and 1),
    geom                  geometry(MultiPolygon, 4490) not null check (st_isvalid(geom)),
    area_m2               double precision generated always as (st_area(geom::geography)) stored,
    area_mu               double precision generated always as (st_area(geom::geography) * 15.0 / 10000.0) stored,
    check (plot_ratio_min <= plot_ratio_max),
    constraint plan_zones_land_use_fk foreign key (land_use_edition, land_use) references land_use_codes (standard, code)
);
create index plan_zones_geom_idx on plan_zones using gist (geom);
create index plan_zones_in_force_idx on plan_zones (approved_on, repealed_on);

-- A control line as the area it protects: a polygon, or a centre line buffered by its width on
-- upload (width_m kept). source_code: the road or river it belongs to, when there is one.
create table control_lines (
    id            bigint generated always as identity primary key,
    code          text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name          text not null check (char_length(name) <= 500),
    kind          text not null references control_line_kinds (code),
    width_m       numeric(8, 2) check (width_m > 0),
    source_code   text check (source_code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    approval_doc  text check (char_length(approval_doc) <= 500),
    approved_on   date,
    geom          geometry(MultiPolygon, 4490) not null check (st_isvalid(geom)),
    area_m2       double precision generated always as (st_area(geom::geography)) stored
);
create index control_lines_geom_idx on control_lines using gist (geom);

create table protected_areas (
    id             bigint generated always as identity primary key,
    code           text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name           text not null check (char_length(name) <= 500),
    kind           text not null references protected_area_kinds (code),
    approval_doc   text check (char_length(approval_doc) <= 500),
    designated_on  date,
    geom           geometry(MultiPolygon, 4490) not null check (st_isvalid(geom)),
    area_m2        double precision generated always as (st_area(geom::geography)) stored,
    area_mu        double precision generated always as (st_area(geom::geography) * 15.0 / 10000.0) stored
);
create index protected_areas_geom_idx on protected_areas using gist (geom);

-- What every collection has since 0009: version, authorship; the history, version and count
-- triggers are in the repeatable scripts.
do $$
declare t text;
begin
    foreach t in array array['plan_zones', 'control_lines', 'protected_areas'] loop
        execute format('alter table %I add column version integer not null default 1,
                        add column updated_at timestamptz not null default now(),
                        add column updated_by text not null default ''system'',
                        add column source text not null default ''sample''', t);
    end loop;
end $$;

insert into collection_versions (collection, row_count)
values ('plan_zones', 0), ('control_lines', 0), ('protected_areas', 0);

-- plan_class: the GB 50137-2011 class a code's use falls in, as precisely as the code says (0601
-- 工业用地 says M, not which of M1-M3), so a recorded or proposed use compares with a plan zone's
-- whatever edition each is in. Null: a use no construction class of the plan takes (farmland,
-- forest, mining, special land, sea). The planning checks compare here (docs/domain-facts.md
-- "Planned land use" gives the table and its sources).
alter table land_use_codes add column plan_class text;
update land_use_codes set plan_class = code where standard = 'GB 50137-2011';
update land_use_codes as c set plan_class = v.plan_class
from (values
    -- GB/T 21010-2017 (and the 三调 working classification, which uses its codes)
    ('GB/T 21010-2017', '0501', 'B1'), ('GB/T 21010-2017', '0502', 'B1'), ('GB/T 21010-2017', '0503', 'B1'),
    ('GB/T 21010-2017', '0504', 'B1'), ('GB/T 21010-2017', '0505', 'B2'), ('GB/T 21010-2017', '0506', 'B3'),
    ('GB/T 21010-2017', '0507', 'B9'), ('GB/T 21010-2017', '0601', 'M'), ('GB/T 21010-2017', '0604', 'W'),
    ('GB/T 21010-2017', '0701', 'R'), ('GB/T 21010-2017', '0801', 'A1'), ('GB/T 21010-2017', '0802', 'A1'),
    ('GB/T 21010-2017', '0803', 'A3'), ('GB/T 21010-2017', '0804', 'A3'), ('GB/T 21010-2017', '0805', 'A5'),
    ('GB/T 21010-2017', '0806', 'A6'), ('GB/T 21010-2017', '0807', 'A2'), ('GB/T 21010-2017', '0808', 'A4'),
    ('GB/T 21010-2017', '0809', 'U'), ('GB/T 21010-2017', '0810', 'G'), ('GB/T 21010-2017', '1002', 'S2'),
    ('GB/T 21010-2017', '1004', 'S1'), ('GB/T 21010-2017', '1005', 'S4'), ('GB/T 21010-2017', '1101', 'E1'),
    ('GB/T 21010-2017', '1102', 'E1'), ('GB/T 21010-2017', '1103', 'E1'), ('GB/T 21010-2017', '1104', 'E1'),
    ('GB/T 21010-2017', '1107', 'E1'),
    ('TD/T 1055-2019', '0508', 'W'), ('TD/T 1055-2019', '05H1', 'B'), ('TD/T 1055-2019', '08H1', 'A1'),
    ('TD/T 1055-2019', '08H2', 'A'), ('TD/T 1055-2019', '08H2A', 'A3'), ('TD/T 1055-2019', '0810A', 'G3'),
    ('TD/T 1055-2019', '1104A', 'E1'), ('TD/T 1055-2019', '1107A', 'E1'),
    -- GB/T 21010-2007
    ('GB/T 21010-2007', '051', 'B1'), ('GB/T 21010-2007', '052', 'B1'), ('GB/T 21010-2007', '053', 'B2'),
    ('GB/T 21010-2007', '054', 'B9'), ('GB/T 21010-2007', '061', 'M'), ('GB/T 21010-2007', '063', 'W'),
    ('GB/T 21010-2007', '071', 'R'), ('GB/T 21010-2007', '081', 'A1'), ('GB/T 21010-2007', '082', 'A1'),
    ('GB/T 21010-2007', '083', 'A3'), ('GB/T 21010-2007', '084', 'A5'), ('GB/T 21010-2007', '085', 'A2'),
    ('GB/T 21010-2007', '086', 'U'), ('GB/T 21010-2007', '087', 'G'), ('GB/T 21010-2007', '111', 'E1'),
    ('GB/T 21010-2007', '113', 'E1'),
    -- 用地用海分类指南 (2023)
    ('用地用海分类指南-2023', '07', 'R'), ('用地用海分类指南-2023', '0701', 'R'), ('用地用海分类指南-2023', '0702', 'R'),
    ('用地用海分类指南-2023', '08', 'A'), ('用地用海分类指南-2023', '0801', 'A1'), ('用地用海分类指南-2023', '0802', 'A3'),
    ('用地用海分类指南-2023', '0803', 'A2'), ('用地用海分类指南-2023', '0804', 'A3'), ('用地用海分类指南-2023', '0805', 'A4'),
    ('用地用海分类指南-2023', '0806', 'A5'), ('用地用海分类指南-2023', '0807', 'A6'),
    ('用地用海分类指南-2023', '09', 'B'), ('用地用海分类指南-2023', '0901', 'B1'), ('用地用海分类指南-2023', '0902', 'B2'),
    ('用地用海分类指南-2023', '0903', 'B3'), ('用地用海分类指南-2023', '0904', 'B9'),
    ('用地用海分类指南-2023', '10', 'M'), ('用地用海分类指南-2023', '1001', 'M'),
    ('用地用海分类指南-2023', '11', 'W'), ('用地用海分类指南-2023', '1101', 'W'),
    ('用地用海分类指南-2023', '12', 'S'), ('用地用海分类指南-2023', '1206', 'S2'), ('用地用海分类指南-2023', '1207', 'S1'),
    ('用地用海分类指南-2023', '1208', 'S4'), ('用地用海分类指南-2023', '1209', 'S9'),
    ('用地用海分类指南-2023', '13', 'U'), ('用地用海分类指南-2023', '14', 'G'), ('用地用海分类指南-2023', '1401', 'G1'),
    ('用地用海分类指南-2023', '1402', 'G2'), ('用地用海分类指南-2023', '1403', 'G3'),
    ('用地用海分类指南-2023', '17', 'E1'), ('用地用海分类指南-2023', '1701', 'E1'), ('用地用海分类指南-2023', '1702', 'E1'),
    ('用地用海分类指南-2023', '1703', 'E1'), ('用地用海分类指南-2023', '1704', 'E1'), ('用地用海分类指南-2023', '1705', 'E1')
) as v (standard, code, plan_class)
where c.standard = v.standard and c.code = v.code;
