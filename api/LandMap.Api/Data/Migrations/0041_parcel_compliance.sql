-- Parcel compliance (issue 16): the figures the national industrial-land controls need, and the
-- rules a parcel is checked by, as a vocabulary table the map colours by (GET /api/vocabulary,
-- complianceRules). The checks themselves are Repeatable/parcel_compliance.sql.

-- 建筑系数 (building coverage): (buildings' + structures' + open storage yards' footprint) / site
-- area; 行政办公及生活服务设施用地所占比重: the administrative and living facilities' land (or their
-- share of the floor area applied to the site) / site area. Both 0-1, both optional: a rule whose
-- figure is missing is not checked (docs/domain-facts.md "Planning compliance").
alter table parcels
    add column building_coverage numeric(5, 4) check (building_coverage between 0 and 1),
    add column admin_facility_ratio numeric(5, 4) check (admin_facility_ratio between 0 and 1);

-- The rules. limit_value: the national figure a rule compares with (国土资发〔2008〕24号), null where
-- the figure is the plan zone's own; source: where the rule comes from.
create table compliance_rules (
    code        text primary key,
    name_zh     text not null,
    name_en     text not null,
    color       text not null check (color ~ '^#[0-9A-Fa-f]{6}$'),
    sort        integer not null,
    limit_value numeric(5, 4),
    source      text not null
);
insert into compliance_rules (code, name_zh, name_en, color, sort, limit_value, source) values
    ('use_mismatch', '用途不符合规划', 'Use not the planned use', '#8E44AD', 1, null, '控制性详细规划 用地性质'),
    ('plot_ratio_over', '容积率超上限', 'Plot ratio over the maximum', '#C0392B', 2, null, '控制性详细规划 容积率上限'),
    ('plot_ratio_under', '容积率低于下限', 'Plot ratio under the minimum', '#E67E22', 3, null, '控制性详细规划 容积率下限'),
    ('density_over', '建筑密度超上限', 'Building density over the maximum', '#D35400', 4, null, '控制性详细规划 建筑密度上限'),
    ('green_under', '绿地率低于下限', 'Green ratio under the minimum', '#7DCEA0', 5, null, '控制性详细规划 绿地率下限'),
    ('red_line', '侵占道路红线', 'Encroaches a road red line', '#E0201B', 6, null, '道路红线'),
    ('blue_line', '侵占河道蓝线', 'Encroaches a river blue line', '#1F6FD1', 7, null, '《城市蓝线管理办法》'),
    ('green_line', '侵占绿线', 'Encroaches a green line', '#2E9E3E', 8, null, '《城市绿线管理办法》'),
    ('yellow_line', '侵占黄线', 'Encroaches a yellow line', '#E8B10E', 9, null, '《城市黄线管理办法》'),
    ('protected_area', '占用保护区域', 'Takes protected land', '#6E2C00', 10, null, '永久基本农田、生态保护红线、禁止开发海域'),
    ('industrial_coverage_under', '工业项目建筑系数低于30%', 'Industrial building coverage under 30 %', '#A04000', 11, 0.30, '国土资发〔2008〕24号'),
    ('industrial_green_over', '工业项目绿地率超过20%', 'Industrial green ratio over 20 %', '#27AE60', 12, 0.20, '国土资发〔2008〕24号'),
    ('industrial_admin_over', '工业项目行政办公及生活服务设施用地超过7%', 'Industrial administrative and living facilities over 7 % of the site', '#5D6D7E', 13, 0.07, '国土资发〔2008〕24号');
