-- The idle-land procedure of 《闲置土地处置办法》 (国土资源部令第53号) and the supply contract, as
-- data. A parcel the rule finds idle is suspected (疑似闲置) until the office records the
-- determination (认定, Article 11); every step is an event with its document number, kept for good.
-- docs/domain-facts.md "The idle-land procedure" gives the articles each row cites.

-- States: suspected until determined; land taken back by the government is recovered (收回),
-- which is not the sea reclamation of `reclaimed` (围垦).
insert into lifecycle_states (state, name_zh, name_en, sort, color) values
    ('suspected_idle', '疑似闲置', 'Suspected idle (not yet determined)', 30, '#EE8866'),
    ('recovered', '已收回', 'Recovered by the government', 85, '#0072B2');
update lifecycle_states set name_zh = '闲置土地（已认定）', name_en = 'Idle (determined)' where state = 'idle';
update lifecycle_states as s set sort = v.sort
from (values ('approved_unsupplied', 10), ('supplied_unused', 20), ('suspected_idle', 30), ('idle', 40),
             ('in_use', 50), ('under_used', 60), ('low_efficiency', 70), ('unused_tidal_flat', 80),
             ('recovered', 85), ('reclaimed', 90)) as v (state, sort)
where s.state = v.state;

-- The causes a determination records (Article 8: acts of government, and force majeure, which
-- lead to the Article 12 disposals; otherwise the land user's, which lead to Article 14's).
create table idle_causes (like project_stages including all);
alter table idle_causes add column government boolean not null default false;
insert into idle_causes (code, name_zh, name_en, color, sort, government) values
    ('land_user', '国有建设用地使用权人原因', 'The land user', null, 1, false),
    ('late_handover', '未按约定的期限、条件交付土地（第八条第一项）', 'Land not handed over as agreed (Art. 8(1))', null, 2, true),
    ('demolition_unfinished', '征地拆迁未完成，未能按期交地（第八条第一项）', 'Land acquisition and demolition not finished (Art. 8(1))', null, 3, true),
    ('plan_revised', '土地利用总体规划、城乡规划依法修改（第八条第二项）', 'Land-use or urban plan revised (Art. 8(2))', null, 4, true),
    ('policy_change', '国家出台相关政策，修改规划和建设条件（第八条第三项）', 'New state policy changed the conditions (Art. 8(3))', null, 5, true),
    ('petitions', '处置土地上相关群众信访事项（第八条第四项）', 'Petitions about the land (Art. 8(4))', null, 6, true),
    ('military_or_heritage', '军事管制、文物保护（第八条第五项）', 'Military control or heritage protection (Art. 8(5))', null, 7, true),
    ('other_government', '政府、政府有关部门的其他行为（第八条第六项）', 'Other acts of government (Art. 8(6))', null, 8, true),
    ('force_majeure', '自然灾害等不可抗力（第八条第二款）', 'Natural disaster or other force majeure (Art. 8, para. 2)', null, 9, true);

-- The procedure's steps and the contract's changes, as event kinds in the lifecycle's order.
insert into lifecycle_event_kinds (kind, name_zh, name_en, sort) values
    ('supplementary_agreement', '签订补充协议', 'Supplementary agreement signed', 8),
    ('idle_investigation', '下达闲置土地调查通知书', 'Idle-land investigation notice served', 9),
    ('idle_determined', '下达闲置土地认定书', 'Idle land determined', 10),
    ('extension_agreed', '延长动工开发期限', 'Start of development extended', 11),
    ('use_adjusted', '调整土地用途、规划条件', 'Use or planning conditions adjusted', 12),
    ('temporary_use', '政府安排临时使用', 'Temporary use arranged by the government', 13),
    ('land_swapped', '置换土地', 'Land swapped', 14),
    ('recovered_with_compensation', '协议有偿收回', 'Recovered with compensation by agreement', 15),
    ('idle_fee_levied', '下达征缴土地闲置费决定书', 'Idle-land fee levied', 16),
    ('idle_fee_paid', '缴纳土地闲置费', 'Idle-land fee paid', 17),
    ('recovered_without_compensation', '无偿收回国有建设用地使用权', 'Recovered without compensation', 18);

alter table parcel_events
    add column document_no text check (char_length(document_no) between 1 and 500),
    add column cause text constraint parcel_events_cause_fk references idle_causes (code),
    add column new_agreed_start_on date,
    add column new_agreed_completion_on date,
    add column amount_wan numeric(14, 2) check (amount_wan >= 0),
    add column recorded_at timestamptz not null default now(),
    add column recorded_by text;
comment on column parcel_events.document_no is '文号 of the notice, determination, decision or agreement';
comment on column parcel_events.new_agreed_start_on is 'the agreed start a supplementary agreement or an Article 12 disposal sets; the idle clock restarts from it';
comment on column parcel_events.amount_wan is '万元: the idle-land fee levied or paid';

-- Supply modes (出让 by tender, auction, listing or agreement; 划拨): `sale` stays for records
-- that do not say which.
update supply_methods set name_zh = '出让（方式未注明）', name_en = 'Sale (mode not recorded)', sort = 5 where code = 'sale';
update supply_methods set sort = 6 where code = 'allocation';
insert into supply_methods (code, name_zh, name_en, color, sort) values
    ('tender', '招标出让', 'Sale by tender', null, 1),
    ('auction', '拍卖出让', 'Sale by auction', null, 2),
    ('listing', '挂牌出让', 'Sale by listing', null, 3),
    ('agreement', '协议出让', 'Sale by agreement', null, 4);

-- The supply contract's figures on the parcel (one contract per parcel; changes are
-- supplementary_agreement events).
alter table parcels
    add column supply_price_wan numeric(14, 2) check (supply_price_wan >= 0),
    add column term_years integer check (term_years between 1 and 70),
    add column handover_on date;
comment on column parcels.supply_price_wan is '出让价款 or 划拨价款, 万元: the idle-land fee is 20 % of it (Article 14)';
comment on column parcels.term_years is '出让年限 (years)';
comment on column parcels.handover_on is '交地日期: the land handed over to the land user';

-- Projects: land put up for listing (推出土地挂牌), between signing and supply.
insert into project_stages (code, name_zh, name_en, color, sort) values ('land_listed', '土地挂牌', 'Land listed', '#3B528B', 3);
update project_stages set sort = sort + 1 where code in ('land_supplied', 'design', 'under_construction', 'completed', 'in_operation');

-- parcel_state_at() returns more (the determination and the two-year mark): the repeatable script
-- defines it anew.
drop function if exists parcel_state_at(parcels, date, integer, integer, integer, integer, integer, integer, numeric);
