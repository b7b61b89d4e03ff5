-- The codes of the editions 0033 added, and the 2007 list's missing 088. Each row: edition, code,
-- class_code (the GB/T 21010 first-level class the reports group it under), edition_class (its
-- first-level class in its own edition), names. Sources: docs/domain-facts.md "Land-use editions".

-- GB/T 21010-2007 088 风景名胜设施用地 (under 08 公共管理与公共服务用地; 2017 moved it to 09 as 0906).
insert into land_use_codes (standard, code, class_code, edition_class, name_zh, name_en) values
    ('GB/T 21010-2007', '088', '08', '08', '风景名胜设施用地', 'Scenic spot facility land');

-- 三调工作分类 (TD/T 1055-2019 表A.2): the codes it adds to GB/T 21010-2017. The merged classes
-- (05H1 for 0501-0507, 08H1 for 0801-0802, 08H2 for 0803-0807), the split-offs of a 2017 class
-- (0810A, 1104A, 1107A, 08H2A) and the "K" codes: land changed from cultivated land with its
-- plough layer intact (可调整地类). Every other 三调 code is the GB/T 21010-2017 code itself.
insert into land_use_codes (standard, code, class_code, edition_class, name_zh, name_en) values
    ('TD/T 1055-2019', '0201K', '02', '02', '可调整果园', 'Adjustable orchard'),
    ('TD/T 1055-2019', '0202K', '02', '02', '可调整茶园', 'Adjustable tea garden'),
    ('TD/T 1055-2019', '0203K', '02', '02', '可调整橡胶园', 'Adjustable rubber plantation'),
    ('TD/T 1055-2019', '0204K', '02', '02', '可调整其他园地', 'Adjustable other garden land'),
    ('TD/T 1055-2019', '0301K', '03', '03', '可调整乔木林地', 'Adjustable arbor forest land'),
    ('TD/T 1055-2019', '0302K', '03', '03', '可调整竹林地', 'Adjustable bamboo forest land'),
    ('TD/T 1055-2019', '0307K', '03', '03', '可调整其他林地', 'Adjustable other forest land'),
    ('TD/T 1055-2019', '0403K', '04', '04', '可调整人工牧草地', 'Adjustable artificial grassland'),
    ('TD/T 1055-2019', '05H1', '05', '05', '商业服务业设施用地', 'Commercial and service facility land'),
    ('TD/T 1055-2019', '08H1', '08', '08', '机关团体新闻出版用地', 'Government, institution, press and publishing land'),
    ('TD/T 1055-2019', '08H2', '08', '08', '科教文卫用地', 'Science, education, culture and health land'),
    ('TD/T 1055-2019', '08H2A', '08', '08', '高教用地', 'Higher education land'),
    ('TD/T 1055-2019', '0810A', '08', '08', '广场用地', 'Public square land'),
    ('TD/T 1055-2019', '1104A', '11', '11', '养殖坑塘', 'Aquaculture pond'),
    ('TD/T 1055-2019', '1104K', '11', '11', '可调整养殖坑塘', 'Adjustable aquaculture pond'),
    ('TD/T 1055-2019', '1107A', '11', '11', '干渠', 'Main canal');

-- Sea use is outside GB/T 21010 (a land classification; its 1105 沿海滩涂 ends at low tide): the
-- guide's sea classes are reported under a class of their own instead of being forced into 11.
insert into land_use_classes (class_code, name_zh, name_en, color) values
    ('SEA', '海域(用海,不属 GB/T 21010)', 'Sea (sea use, outside GB/T 21010)', '#4A90C2');

-- 《国土空间调查、规划、用途管制用地用海分类指南》(2023): its 24 first-level classes, and the
-- second levels the zone's land, plans and sea use need. class_code maps each onto the GB/T 21010
-- first-level class of the same use (the reports' classes); docs/domain-facts.md gives the table.
insert into land_use_codes (standard, code, class_code, edition_class, name_zh, name_en)
select '用地用海分类指南-2023', v.code, v.class_code, left(v.code, 2), v.zh, v.en
from (values
    ('01', '01', '耕地', 'Cultivated land'),
    ('0101', '01', '水田', 'Paddy field'),
    ('0102', '01', '水浇地', 'Irrigated land'),
    ('0103', '01', '旱地', 'Dry land'),
    ('02', '02', '园地', 'Garden land'),
    ('03', '03', '林地', 'Forest land'),
    ('04', '04', '草地', 'Grassland'),
    ('05', '11', '湿地', 'Wetland'),
    ('0501', '03', '森林沼泽', 'Forest swamp'),
    ('0502', '03', '灌丛沼泽', 'Shrub swamp'),
    ('0503', '04', '沼泽草地', 'Swamp grassland'),
    ('0504', '11', '其他沼泽地', 'Other swamp'),
    ('0505', '11', '沿海滩涂', 'Coastal tidal flat'),
    ('0506', '11', '内陆滩涂', 'Inland flat'),
    ('0507', '03', '红树林地', 'Mangrove land'),
    ('06', '12', '农业设施建设用地', 'Agricultural facility construction land'),
    ('0601', '10', '乡村道路用地', 'Rural road land'),
    ('0602', '12', '种植设施建设用地', 'Crop facility construction land'),
    ('0603', '12', '畜禽养殖设施建设用地', 'Livestock facility construction land'),
    ('0604', '12', '水产养殖设施建设用地', 'Aquaculture facility construction land'),
    ('07', '07', '居住用地', 'Residential land'),
    ('0701', '07', '城镇住宅用地', 'Urban residential land'),
    ('0702', '08', '城镇社区服务设施用地', 'Urban community service facility land'),
    ('0703', '07', '农村宅基地', 'Rural homestead'),
    ('0704', '08', '农村社区服务设施用地', 'Rural community service facility land'),
    ('08', '08', '公共管理与公共服务用地', 'Public administration and service land'),
    ('0801', '08', '机关团体用地', 'Government and institution land'),
    ('0802', '08', '科研用地', 'Research land'),
    ('0803', '08', '文化用地', 'Cultural land'),
    ('0804', '08', '教育用地', 'Education land'),
    ('0805', '08', '体育用地', 'Sports land'),
    ('0806', '08', '医疗卫生用地', 'Medical and health land'),
    ('0807', '08', '社会福利用地', 'Social welfare land'),
    ('09', '05', '商业服务业用地', 'Commercial and service land'),
    ('0901', '05', '商业用地', 'Commercial land'),
    ('0902', '05', '商务金融用地', 'Business and finance land'),
    ('0903', '05', '娱乐用地', 'Entertainment land'),
    ('0904', '05', '其他商业服务业用地', 'Other commercial and service land'),
    ('10', '06', '工矿用地', 'Industrial and mining land'),
    ('1001', '06', '工业用地', 'Industrial land'),
    ('1002', '06', '采矿用地', 'Mining land'),
    ('1003', '06', '盐田', 'Salt pan'),
    ('11', '06', '仓储用地', 'Storage land'),
    ('1101', '06', '物流仓储用地', 'Logistics and storage land'),
    ('1102', '06', '储备库用地', 'Strategic reserve depot land'),
    ('12', '10', '交通运输用地', 'Transport land'),
    ('1201', '10', '铁路用地', 'Railway land'),
    ('1202', '10', '公路用地', 'Highway land'),
    ('1203', '10', '机场用地', 'Airport land'),
    ('1204', '10', '港口码头用地', 'Port and wharf land'),
    ('1205', '10', '管道运输用地', 'Pipeline transport land'),
    ('1206', '10', '城市轨道交通用地', 'Urban rail transit land'),
    ('1207', '10', '城镇道路用地', 'Urban road land'),
    ('1208', '10', '交通场站用地', 'Transport station land'),
    ('1209', '10', '其他交通设施用地', 'Other transport facility land'),
    ('13', '08', '公用设施用地', 'Public utility land'),
    ('14', '08', '绿地与开敞空间用地', 'Green and open space land'),
    ('1401', '08', '公园绿地', 'Park green space'),
    ('1402', '08', '防护绿地', 'Protective green space'),
    ('1403', '08', '广场用地', 'Public square land'),
    ('15', '09', '特殊用地', 'Special land'),
    ('16', '12', '留白用地', 'Reserved land'),
    ('17', '11', '陆地水域', 'Inland water'),
    ('1701', '11', '河流水面', 'River water surface'),
    ('1702', '11', '湖泊水面', 'Lake water surface'),
    ('1703', '11', '水库水面', 'Reservoir water surface'),
    ('1704', '11', '坑塘水面', 'Pond water surface'),
    ('1705', '11', '沟渠', 'Ditch'),
    ('1706', '11', '冰川及常年积雪', 'Glacier and permanent snow'),
    ('18', 'SEA', '渔业用海', 'Fishery sea use'),
    ('1801', 'SEA', '渔业基础设施用海', 'Fishery infrastructure sea use'),
    ('1802', 'SEA', '增养殖用海', 'Mariculture sea use'),
    ('1803', 'SEA', '捕捞海域', 'Fishing waters'),
    ('19', 'SEA', '工矿通信用海', 'Industrial, mining and communication sea use'),
    ('1901', 'SEA', '工业用海', 'Industrial sea use'),
    ('1902', 'SEA', '盐田用海', 'Salt pan sea use'),
    ('1903', 'SEA', '固体矿产用海', 'Solid mineral sea use'),
    ('1904', 'SEA', '油气用海', 'Oil and gas sea use'),
    ('1905', 'SEA', '可再生能源用海', 'Renewable energy sea use'),
    ('1906', 'SEA', '海底电缆管道用海', 'Submarine cable and pipeline sea use'),
    ('20', 'SEA', '交通运输用海', 'Transport sea use'),
    ('2001', 'SEA', '港口用海', 'Port sea use'),
    ('2002', 'SEA', '航运用海', 'Shipping sea use'),
    ('2003', 'SEA', '路桥隧道用海', 'Road, bridge and tunnel sea use'),
    ('21', 'SEA', '游憩用海', 'Recreational sea use'),
    ('22', 'SEA', '特殊用海', 'Special sea use'),
    ('23', '12', '其他土地', 'Other land'),
    ('2301', '12', '空闲地', 'Vacant land'),
    ('2302', '10', '田间道', 'Field road'),
    ('2303', '12', '田坎', 'Field ridge'),
    ('2304', '12', '盐碱地', 'Saline-alkali land'),
    ('2305', '12', '沙地', 'Sandy land'),
    ('2306', '12', '裸土地', 'Bare soil'),
    ('2307', '12', '裸岩石砾地', 'Bare rock and gravel'),
    ('24', 'SEA', '其他海域', 'Other sea')
) as v (code, class_code, zh, en);
-- First-level codes of the guide have no class above them in it.
update land_use_codes set edition_class = null where standard = '用地用海分类指南-2023' and length(code) = 2;
