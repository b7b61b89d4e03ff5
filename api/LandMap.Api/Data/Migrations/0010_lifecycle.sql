-- The land lifecycle as data, and a parcel's state at any date computed from its dates and events
-- (docs/domain-facts.md). The typed `status` column stays what the record says; parcel_state_at() is what
-- the dates say, so reports, idle warnings and the map share one rule.

-- 停工日期: the day construction halted (null: never halted, or resumed). The halted idle rule
-- counts from it; nothing else records when a started project stopped.
alter table parcels add column halted_on date;

-- The eight states and the seven event kinds with their names, for legends and exports.
create table lifecycle_states (
    state    text primary key,
    name_zh  text not null,
    name_en  text not null,
    sort     integer not null
);
insert into lifecycle_states (state, name_zh, name_en, sort) values
    ('approved_unsupplied', '批而未供', 'Approved, not supplied', 1),
    ('supplied_unused', '供而未用', 'Supplied, not used', 2),
    ('idle', '闲置土地', 'Idle', 3),
    ('in_use', '已供已用', 'Supplied and used', 4),
    ('under_used', '用而未尽', 'Used below the agreed intensity', 5),
    ('low_efficiency', '低效用地', 'Low-efficiency land', 6),
    ('unused_tidal_flat', '未利用滩涂', 'Unused tidal flat', 7),
    ('reclaimed', '围垦', 'Reclaimed', 8);

create table lifecycle_event_kinds (
    kind     text primary key,
    name_zh  text not null,
    name_en  text not null
);
insert into lifecycle_event_kinds (kind, name_zh, name_en) values
    ('sold', '出让', 'Sold'),
    ('allocated', '划拨', 'Allocated'),
    ('cleared', '清理处置', 'Cleared'),
    ('redevelopment_started', '启动再开发', 'Redevelopment started'),
    ('revitalised', '盘活', 'Revitalised'),
    ('reported_for_approval', '报批', 'Reported for approval'),
    ('reclaimed', '围垦', 'Reclaimed');

-- A parcel's state on day d, and when its current (or coming) idle spell starts.
--   supplied (supplied_on or a sold/allocated event by d):
--     not started by d: idle from greatest(agreed start, last cleared/revitalised event) +
--       idle_after_days + 1 ("more than one year": day 365 is not idle, day 366 is), else supplied_unused;
--     started, not completed, halted_on by d, built area under built_ratio_min or investment under
--       investment_ratio_min of the agreed: idle from halted_on + halted_days ("a year or more");
--     redevelopment started by d, or recorded low_efficiency and started: low_efficiency;
--     completed but below the agreed intensity (built area under fully_built_ratio of the parcel,
--       plot ratio under its lower bound, or investment under the agreed): under_used; else in_use.
--   not supplied: reclaimed event by d: reclaimed; tidal-flat land (recorded state, code 1105/1106
--     or 115/116, or a reported/reclaimed event): unused_tidal_flat; approved by d:
--     approved_unsupplied; otherwise null (not yet in the lifecycle).
-- built_area_ratio keeps 4 decimals, so the built threshold is compared at that precision
-- (0.3333 is 1/3 as recorded and is not "under 1/3"). Ratios and halted_on are the current
-- record: the at-date answer is exact for dates and events, not for ratios that changed since.
-- One SELECT returning a set, so the planner inlines it into the calling query (use it in FROM:
-- cross join lateral parcel_state_at(p, d) s): ten times faster than a call per row.
create function parcel_state_at(
    p parcels, d date,
    idle_after_days integer default 365, built_ratio_min numeric default 1.0 / 3,
    investment_ratio_min numeric default 0.25, halted_days integer default 365,
    fully_built_ratio numeric default 0.9)
returns table (state text, idle_on date, idle_rule text)
language sql stable as $$
    select case
               when i.supplied then case
                   when i.idle_on <= d then 'idle'
                   when not i.started then 'supplied_unused'
                   when coalesce(i.redeveloping, false) or p.status = 'low_efficiency' then 'low_efficiency'
                   when i.completed and (p.built_area_ratio < fully_built_ratio or p.plot_ratio < p.plot_ratio_min
                                         or p.investment_actual_wan < p.investment_agreed_wan) then 'under_used'
                   else 'in_use' end
               when coalesce(i.reclaimed, false) then 'reclaimed'
               when p.status in ('unused_tidal_flat', 'reclaimed') or p.land_use in ('1105', '1106', '115', '116')
                    or coalesce(i.flat_event, false) then 'unused_tidal_flat'
               when p.approved_on <= d then 'approved_unsupplied'
           end,
           i.idle_on,
           case when i.idle_on is not null then i.rule end
    from (
        select f.*,
               case
                   when f.supplied and not f.started and p.agreed_start_on is not null
                       then greatest(p.agreed_start_on, f.restarted_on) + idle_after_days + 1
                   when f.started and not f.completed and p.halted_on <= d
                        and (p.built_area_ratio < round(built_ratio_min, 4)
                             or p.investment_actual_wan < p.investment_agreed_wan * investment_ratio_min)
                       then p.halted_on + halted_days
               end as idle_on,
               case when f.supplied and not f.started then 'not_started'
                    when f.started and not f.completed and p.halted_on <= d then 'halted' end as rule
        from (
            select coalesce(p.supplied_on <= d, false) or coalesce(ev.supplied_event, false) as supplied,
                   coalesce(p.actual_start_on <= d, false) as started,
                   coalesce(p.actual_completion_on <= d, false) as completed,
                   ev.restarted_on, ev.redeveloping, ev.reclaimed, ev.flat_event
            from (
                select bool_or(e.kind in ('sold', 'allocated')) as supplied_event,
                       max(e.occurred_on) filter (where e.kind in ('cleared', 'revitalised')) as restarted_on,
                       bool_or(e.kind = 'redevelopment_started') as redeveloping,
                       bool_or(e.kind = 'reclaimed') as reclaimed,
                       bool_or(e.kind in ('reported_for_approval', 'reclaimed')) as flat_event
                from parcel_events as e where e.parcel_id = p.id and e.occurred_on <= d
            ) as ev
        ) as f
    ) as i
$$;

-- The first level of GB/T 21010 (the same twelve classes in 2007 and 2017): statistics group by it.
create table land_use_classes (
    class_code  text primary key,
    name_zh     text not null,
    name_en     text not null
);
insert into land_use_classes (class_code, name_zh, name_en) values
    ('01', '耕地', 'Cultivated land'),
    ('02', '园地', 'Garden land'),
    ('03', '林地', 'Forest land'),
    ('04', '草地', 'Grassland'),
    ('05', '商服用地', 'Commercial and service land'),
    ('06', '工矿仓储用地', 'Industrial, mining and storage land'),
    ('07', '住宅用地', 'Residential land'),
    ('08', '公共管理与公共服务用地', 'Public administration and service land'),
    ('09', '特殊用地', 'Special land'),
    ('10', '交通运输用地', 'Transport land'),
    ('11', '水域及水利设施用地', 'Water and water-conservancy land'),
    ('12', '其他土地', 'Other land');
alter table land_use_codes add constraint land_use_codes_class_fk
    foreign key (class_code) references land_use_classes (class_code);

-- The codes 0002 left out, so the lists are whole second levels of both standards.
insert into land_use_codes (code, standard, class_code, name_zh, name_en) values
    ('0202', 'GB/T 21010-2017', '02', '茶园', 'Tea garden'),
    ('0203', 'GB/T 21010-2017', '02', '橡胶园', 'Rubber plantation'),
    ('0204', 'GB/T 21010-2017', '02', '其他园地', 'Other garden land'),
    ('0302', 'GB/T 21010-2017', '03', '竹林地', 'Bamboo forest land'),
    ('0303', 'GB/T 21010-2017', '03', '红树林地', 'Mangrove land'),
    ('0304', 'GB/T 21010-2017', '03', '森林沼泽', 'Forest swamp'),
    ('0305', 'GB/T 21010-2017', '03', '灌木林地', 'Shrub land'),
    ('0306', 'GB/T 21010-2017', '03', '灌丛沼泽', 'Shrub swamp'),
    ('0307', 'GB/T 21010-2017', '03', '其他林地', 'Other forest land'),
    ('0402', 'GB/T 21010-2017', '04', '沼泽草地', 'Swamp grassland'),
    ('0403', 'GB/T 21010-2017', '04', '人工牧草地', 'Artificial grassland'),
    ('0404', 'GB/T 21010-2017', '04', '其他草地', 'Other grassland'),
    ('0902', 'GB/T 21010-2017', '09', '使领馆用地', 'Embassy and consulate land'),
    ('0903', 'GB/T 21010-2017', '09', '监教场所用地', 'Correctional facility land'),
    ('0904', 'GB/T 21010-2017', '09', '宗教用地', 'Religious land'),
    ('0905', 'GB/T 21010-2017', '09', '殡葬用地', 'Funeral land'),
    ('0906', 'GB/T 21010-2017', '09', '风景名胜设施用地', 'Scenic facility land'),
    ('1110', 'GB/T 21010-2017', '11', '冰川及永久积雪', 'Glacier and permanent snow'),
    ('012', 'GB/T 21010-2007', '01', '水浇地', 'Irrigated land'),
    ('013', 'GB/T 21010-2007', '01', '旱地', 'Dry land'),
    ('021', 'GB/T 21010-2007', '02', '果园', 'Orchard'),
    ('022', 'GB/T 21010-2007', '02', '茶园', 'Tea garden'),
    ('023', 'GB/T 21010-2007', '02', '其他园地', 'Other garden land'),
    ('031', 'GB/T 21010-2007', '03', '有林地', 'Forested land'),
    ('032', 'GB/T 21010-2007', '03', '灌木林地', 'Shrub land'),
    ('033', 'GB/T 21010-2007', '03', '其他林地', 'Other forest land'),
    ('041', 'GB/T 21010-2007', '04', '天然牧草地', 'Natural grassland'),
    ('042', 'GB/T 21010-2007', '04', '人工牧草地', 'Artificial grassland'),
    ('043', 'GB/T 21010-2007', '04', '其他草地', 'Other grassland'),
    ('082', 'GB/T 21010-2007', '08', '新闻出版用地', 'Press and publishing land'),
    ('091', 'GB/T 21010-2007', '09', '军事设施用地', 'Military land'),
    ('092', 'GB/T 21010-2007', '09', '使领馆用地', 'Embassy and consulate land'),
    ('093', 'GB/T 21010-2007', '09', '监教场所用地', 'Correctional facility land'),
    ('094', 'GB/T 21010-2007', '09', '宗教用地', 'Religious land'),
    ('095', 'GB/T 21010-2007', '09', '殡葬用地', 'Funeral land'),
    ('104', 'GB/T 21010-2007', '10', '农村道路', 'Rural road'),
    ('105', 'GB/T 21010-2007', '10', '机场用地', 'Airport land'),
    ('106', 'GB/T 21010-2007', '10', '港口码头用地', 'Port and wharf land'),
    ('107', 'GB/T 21010-2007', '10', '管道运输用地', 'Pipeline transport land'),
    ('112', 'GB/T 21010-2007', '11', '湖泊水面', 'Lake water surface'),
    ('114', 'GB/T 21010-2007', '11', '坑塘水面', 'Pond water surface'),
    ('117', 'GB/T 21010-2007', '11', '沟渠', 'Ditch'),
    ('118', 'GB/T 21010-2007', '11', '水工建筑用地', 'Hydraulic construction land'),
    ('119', 'GB/T 21010-2007', '11', '冰川及永久积雪', 'Glacier and permanent snow'),
    ('122', 'GB/T 21010-2007', '12', '设施农用地', 'Agricultural facility land'),
    ('123', 'GB/T 21010-2007', '12', '田坎', 'Field ridge'),
    ('124', 'GB/T 21010-2007', '12', '盐碱地', 'Saline-alkali land'),
    ('125', 'GB/T 21010-2007', '12', '沼泽地', 'Swamp'),
    ('126', 'GB/T 21010-2007', '12', '沙地', 'Sandy land')
on conflict (code) do nothing;
