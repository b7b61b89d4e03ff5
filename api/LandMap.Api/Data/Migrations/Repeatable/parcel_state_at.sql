-- Repeatable: re-applied after the migrations on every run (Migrator), so this file is the
-- current definition of parcel_state_at(). Change it here, never in a new migration.
-- A parcel's state on day d, and when its current (or coming) idle spell starts.
-- Periods are calendar years counted as 民法典 Articles 201-202 say: the start day is not counted,
-- the period ends on the corresponding day (28 February when the start was a 29 February), and
-- the parcel is idle from the day after (满一年: a whole year has run). One rule for both clocks:
-- idle_on = (start + N years) + 1 day. E.g. agreed start 2011-05-07: idle from 2012-05-08.
--   recovered (收回: a recovered_* or land_swapped event by d): recovered;
--   supplied (supplied_on or a sold/allocated event by d):
--     not started by d: idle from greatest(the agreed start, last cleared/revitalised event) +
--       the period + 1 day, else supplied_unused; the agreed start is the one the latest
--       supplementary agreement or Article 12 disposal by d set (new_agreed_start_on), else the
--       record's (Article 12: the clock restarts from the new date);
--     started, not completed, halted_on by d, with developed area x built_den < area to develop x
--       built_num (under a third: Article 2) or investment x inv_den < agreed investment x inv_num
--       (under a quarter): idle from halted_on (or a later new agreed start or cleared/revitalised
--       event) + the period + 1 day (中止开发建设满一年);
--     redevelopment started by d, or recorded low_efficiency and started: low_efficiency;
--     completed but below the agreed intensity (developed area under fully_built_ratio of the area
--       to develop, plot ratio under its lower bound, or investment under the agreed): under_used;
--       else in_use.
--   not supplied: reclaimed event by d: reclaimed; tidal-flat land (recorded state, code 1105/1106 of GB/T 21010, 0505/0506 of the 2023 guide
--     or 115/116, or a reported/reclaimed event): unused_tidal_flat; approved by d:
--     approved_unsupplied; otherwise null (not yet in the lifecycle).
--   idle by the rule: `idle` once a determination (idle_determined, 认定) is recorded on or after
--     the spell's first day and by d, else `suspected_idle` (疑似闲置).
-- recoverable_on: the day after recovery_years full years from the same start (无偿收回 may be
-- decided from then, Article 14(2)); determined_on: the determination of the current spell.
-- The shares are compared as exact products of stored amounts (numeric), never as rounded ratios.
-- Areas, amounts and halted_on are the current record (or the version an as-of read passes in).
-- One SELECT returning a set, so the planner inlines it into the calling query (use it in FROM:
-- cross join lateral parcel_state_at(p, d) s): ten times faster than a call per row.
create or replace function parcel_state_at(
    p parcels, d date,
    not_started_years integer default 1, built_num integer default 1, built_den integer default 3,
    investment_num integer default 1, investment_den integer default 4, halted_years integer default 1,
    recovery_years integer default 2, fully_built_ratio numeric default 0.9)
returns table (state text, idle_on date, idle_rule text, determined_on date, recoverable_on date)
language sql stable as $$
    select case
               when coalesce(i.recovered, false) then 'recovered'
               when i.supplied then case
                   when i.idle_on <= d then case when i.last_determined >= i.idle_on then 'idle' else 'suspected_idle' end
                   when not i.started then 'supplied_unused'
                   when coalesce(i.redeveloping, false) or p.status = 'low_efficiency' then 'low_efficiency'
                   when i.completed and (p.developed_area_m2 < i.to_develop * fully_built_ratio or p.plot_ratio < p.plot_ratio_min
                                         or p.investment_actual_wan < p.investment_agreed_wan) then 'under_used'
                   else 'in_use' end
               when coalesce(i.reclaimed, false) then 'reclaimed'
               when p.status in ('unused_tidal_flat', 'reclaimed') or (p.land_use_edition, p.land_use) in (
                        ('GB/T 21010-2017', '1105'), ('GB/T 21010-2017', '1106'), ('GB/T 21010-2007', '115'),
                        ('GB/T 21010-2007', '116'), ('用地用海分类指南-2023', '0505'), ('用地用海分类指南-2023', '0506'))
                    or coalesce(i.flat_event, false) then 'unused_tidal_flat'
               when p.approved_on <= d then 'approved_unsupplied'
           end,
           i.idle_on,
           case when i.idle_on is not null then i.rule end,
           case when i.last_determined >= i.idle_on then i.last_determined end,
           case when i.idle_on is not null then (i.clock_start + make_interval(years => recovery_years))::date + 1 end
    from (
        select f.*,
               case
                   when f.supplied and not f.started and f.clock_start is not null
                       then (f.clock_start + make_interval(years => not_started_years))::date + 1
                   when f.started and not f.completed and p.halted_on <= d
                        and (p.developed_area_m2 * built_den < f.to_develop * built_num
                             or p.investment_actual_wan * investment_den < p.investment_agreed_wan * investment_num)
                       then (f.clock_start + make_interval(years => halted_years))::date + 1
               end as idle_on
        from (
            select g.*,
                   case when g.rule = 'not_started' then greatest(coalesce(g.new_start, p.agreed_start_on), g.restarted_on)
                        when g.rule = 'halted' then greatest(p.halted_on, g.new_start, g.restarted_on) end as clock_start
            from (
                select coalesce(p.supplied_on <= d, false) or coalesce(ev.supplied_event, false) as supplied,
                       coalesce(p.actual_start_on <= d, false) as started,
                       coalesce(p.actual_completion_on <= d, false) as completed,
                       ev.restarted_on, ev.redeveloping, ev.reclaimed, ev.flat_event, ev.recovered, ev.new_start,
                       ev.last_determined,
                       coalesce(p.development_area_m2, p.area_m2::numeric) as to_develop,
                       case when not coalesce(p.actual_start_on <= d, false) then 'not_started'
                            when not coalesce(p.actual_completion_on <= d, false) and p.halted_on <= d then 'halted' end as rule
                from (
                    select bool_or(e.kind in ('sold', 'allocated')) as supplied_event,
                           max(e.occurred_on) filter (where e.kind in ('cleared', 'revitalised')) as restarted_on,
                           bool_or(e.kind = 'redevelopment_started') as redeveloping,
                           bool_or(e.kind = 'reclaimed') as reclaimed,
                           bool_or(e.kind in ('reported_for_approval', 'reclaimed')) as flat_event,
                           bool_or(e.kind in ('recovered_without_compensation', 'recovered_with_compensation', 'land_swapped')) as recovered,
                           (array_agg(e.new_agreed_start_on order by e.occurred_on desc, e.id desc)
                               filter (where e.new_agreed_start_on is not null))[1] as new_start,
                           max(e.occurred_on) filter (where e.kind = 'idle_determined') as last_determined
                    from parcel_events as e where e.parcel_id = p.id and e.occurred_on <= d
                ) as ev
            ) as g
        ) as f
    ) as i
$$;
