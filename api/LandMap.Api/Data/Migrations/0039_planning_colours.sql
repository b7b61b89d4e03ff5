-- Planning data (issue 16, data part): the three planning collections' text bounds named as the
-- other collections' are (0023_text_bounds.sql: <table>_<column>_bound, which the catalog test reads),
-- and the planners' drawing colours of the plan's land-use codes.

-- 0038 wrote the bounds as column checks, which PostgreSQL names <table>_<column>_check.
alter table plan_zones rename constraint plan_zones_code_check to plan_zones_code_bound;
alter table plan_zones rename constraint plan_zones_plan_name_check to plan_zones_plan_name_bound;
alter table plan_zones rename constraint plan_zones_plan_unit_check to plan_zones_plan_unit_bound;
alter table plan_zones rename constraint plan_zones_edition_check to plan_zones_edition_bound;
alter table plan_zones rename constraint plan_zones_approval_doc_check to plan_zones_approval_doc_bound;
alter table control_lines rename constraint control_lines_code_check to control_lines_code_bound;
alter table control_lines rename constraint control_lines_name_check to control_lines_name_bound;
alter table control_lines rename constraint control_lines_source_code_check to control_lines_source_code_bound;
alter table control_lines rename constraint control_lines_approval_doc_check to control_lines_approval_doc_bound;
alter table protected_areas rename constraint protected_areas_code_check to protected_areas_code_bound;
alter table protected_areas rename constraint protected_areas_name_check to protected_areas_name_bound;
alter table protected_areas rename constraint protected_areas_approval_doc_check to protected_areas_approval_doc_bound;

-- Colours: the land-use colour table planners draw plans with today, 《市级国土空间总体规划制图规范
-- （试行）》(自然资源部办公厅, 2021) 附录B 用地用海分类配色指引 (RGB per class of the 用地用海分类指南),
-- the successor of CJJ/T 97-2003 《城市规划制图标准》's colour table (yellow housing, red commerce,
-- magenta administration, brown industry, purple storage, grey roads, green parks, blue water).
-- GB 50137-2011's classes take the colour of the guide's class of the same use (docs/domain-facts.md
-- "Planning"); a code the table has no row for keeps its first-level class's colour.
update land_use_codes as c set color = v.color
from (values
    ('R', '#FFFF2D'), ('R1', '#FFFF2D'), ('R2', '#FFFF2D'), ('R3', '#FFFF2D'),      -- 城镇住宅用地 255,255,45
    ('A', '#FF00FF'), ('A1', '#FF00FF'),                                              -- 机关团体用地 255,0,255
    ('A2', '#FF7F00'),                                                                -- 文化用地 255,127,0
    ('A3', '#FF85C9'),                                                                -- 教育用地 255,133,201
    ('A4', '#00A57C'),                                                                -- 体育用地 0,165,124
    ('A5', '#FF7F7E'),                                                                -- 医疗卫生用地 255,127,126
    ('A6', '#FF9F7F'),                                                                -- 社会福利用地 255,159,127
    ('B', '#FF0000'), ('B1', '#FF0000'), ('B2', '#FF0000'), ('B3', '#FF0000'),
    ('B4', '#FF0000'), ('B9', '#FF0000'),                                             -- 商业服务业用地 255,0,0
    ('M', '#BB9674'), ('M1', '#BB9674'), ('M2', '#BB9674'), ('M3', '#BB9674'),      -- 工业用地 187,150,116
    ('W', '#8761D3'), ('W1', '#8761D3'), ('W2', '#8761D3'), ('W3', '#8761D3'),      -- 仓储用地 135,97,211
    ('S', '#B7B7B7'), ('S2', '#B7B7B7'), ('S3', '#B7B7B7'), ('S4', '#B7B7B7'),
    ('S9', '#B7B7B7'),                                                                -- 交通运输用地 183,183,183
    ('S1', '#A3A3A3'),                                                                -- 城镇道路用地 163,163,163
    ('U', '#006380'), ('U1', '#006380'), ('U2', '#006380'), ('U3', '#006380'),
    ('U9', '#006380'),                                                                -- 公用设施用地 0,99,128
    ('G', '#00FF00'), ('G1', '#00FF00'),                                              -- 公园绿地 0,255,0
    ('G2', '#148D4A'),                                                                -- 防护绿地 20,141,74
    ('G3', '#ACFFCF'),                                                                -- 广场用地 172,255,207
    ('E1', '#338EC0'),                                                                -- 陆地水域 51,142,192
    ('E2', '#F5F8DC')                                                                 -- 耕地 245,248,220 (农林用地)
) as v (code, color)
where c.standard = 'GB 50137-2011' and c.code = v.code;

-- The guide's own codes (the parcels' planned use is in it): the code's row of the table, else its
-- first-level class's row.
with guide (code, color) as (values
    ('01', '#F5F8DC'), ('02', '#BFE9AA'), ('03', '#68B167'), ('04', '#CDF57A'), ('05', '#65CDAA'),
    ('06', '#D8D79F'), ('07', '#FFFF2D'), ('0703', '#FFD380'), ('08', '#FF00FF'), ('0802', '#E6005C'),
    ('0803', '#FF7F00'), ('0804', '#FF85C9'), ('0805', '#00A57C'), ('0806', '#FF7F7E'), ('0807', '#FF9F7F'),
    ('09', '#FF0000'), ('10', '#BB9674'), ('1002', '#9E6C54'), ('1003', '#0000FF'), ('11', '#8761D3'),
    ('1102', '#9999FF'), ('12', '#B7B7B7'), ('1202', '#ADADAD'), ('1205', '#999999'), ('1207', '#A3A3A3'),
    ('13', '#006380'), ('14', '#00FF00'), ('1402', '#148D4A'), ('1403', '#ACFFCF'), ('15', '#859156'),
    ('16', '#FFFFFF'), ('17', '#338EC0'), ('18', '#94D5EB'), ('19', '#56A6D3'), ('20', '#6C8BD1'),
    ('21', '#1AAAE6'), ('22', '#83BCD6'), ('23', '#EEEEEE'), ('24', '#D6EAF3'))
update land_use_codes as c
set color = coalesce((select g.color from guide as g where g.code = c.code),
                     (select g.color from guide as g where g.code = left(c.code, 2)))
where c.standard = '用地用海分类指南-2023';

-- GB/T 21010-2007 103 街巷用地 (streets and lanes in towns, the contracts' word for the sample's road
-- parcels) is urban road land, S1 of the plan; 0038 left it without a planning class, so a road parcel
-- approved as 103 read as a use no plan allows.
update land_use_codes set plan_class = 'S1' where standard = 'GB/T 21010-2007' and code = '103';
