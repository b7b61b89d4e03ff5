namespace LandMap.Api.Features.Planning;

/// <summary>
/// SQL of the site check: one batch, one round trip. The overlay itself is site_overlay()
/// (Repeatable/planning_overlay.sql, shared with the other planning checks); these statements add
/// what the answer shows of each row and the site's own figures.
/// </summary>
internal static class SiteCheckSql
{
    /// <summary>A stored parcel's geometry and own figures (<c>?code=</c>): the approved use where there
    /// is one, else the recorded use. $1 code.</summary>
    public const string Parcel = """
        select p.geom, coalesce(p.land_use_approved, p.land_use), case when p.land_use_approved is not null
               then p.land_use_approved_edition else p.land_use_edition end,
               p.plot_ratio::numeric, p.building_density::numeric, p.green_ratio::numeric
        from parcels as p where p.code = $1
        """;

    /// <summary>$1 site (EPSG:4490), $2 date, $3 max site m²: the site's area, and the part of it the
    /// zones in force cover (their union, so zones that overlap each other count once).</summary>
    public const string Site = """
        with s as (select $1::geometry as g, st_area($1::geography) as a)
        select s.a, case when s.a > $3 then null else coalesce((
            select st_area(st_intersection(st_union(z.geom), s.g)::geography)
            from plan_zones as z
            where z.geom && s.g and st_intersects(z.geom, s.g) and plan_in_force(z.approved_on, z.repealed_on, $2)), 0) end
        from s
        """;

    /// <summary>The editions $2 names (by name or alias; none when $2 is null), as a CTE <c>e</c> with the
    /// edition it extends, and the land-use codes $1 of those editions (of any edition without $2) as <c>use_rows</c>.</summary>
    private static string UseRows(string code, string edition) => $"""
        e as (select edition, extends from land_use_editions where {edition}::text is not null and (edition = {edition} or lower(alias) = lower({edition}))),
        use_rows as (
            select c.standard, c.code, c.plan_class, c.name_zh, c.name_en from land_use_codes as c
            where c.code = {code} and ({edition}::text is null or c.standard in (select edition from e union all select extends from e)))
        """;

    /// <summary>$1 use code, $2 edition (name or alias) or null: the use's GB 50137 class in each edition
    /// that has the code (with an edition: that one and the edition it extends). The edition's own row
    /// comes first with a null code when the edition exists, so an unknown edition is told apart.</summary>
    public static readonly string ProposedUse = $"""
        with {UseRows("$1", "$2")}
        select e.edition, null::text, null::text, null::text, null::text from e
        union all
        select * from use_rows
        """;

    /// <summary>$1 site, $2 date, $3 max site m² (beyond it nothing is laid over), $4 parcel code to leave
    /// out (the checked parcel itself) or null, $5 proposed use and $6 its edition (or nulls), then the
    /// state's parameters: every row the site
    /// overlaps, with its details by layer. Columns: layer, code, name, kind, overlap_m2, share, then
    /// the zone's plan_name, edition, land_use, land-use name zh/en, plan_class, plot_ratio_min/max,
    /// building_density_max, height_max_m, green_ratio_min, then the kind's name zh/en, then the
    /// parcel's state, then whether the zone allows the proposed use (plan_use_allows: the one rule).</summary>
    public static string Overlay(string parcelState) => $"""
        with {UseRows("$5", "$6")}
        select o.layer, o.code, o.name, o.kind, o.overlap_m2, o.share,
               z.plan_name, z.edition, z.land_use, u.name_zh, u.name_en, u.plan_class,
               z.plot_ratio_min, z.plot_ratio_max, z.building_density_max, z.height_max_m, z.green_ratio_min,
               coalesce(lk.name_zh, pk.name_zh), coalesce(lk.name_en, pk.name_en),
               case when o.layer = 'parcels' then coalesce({parcelState}, p.status) end,
               plan_use_allows(u.plan_class, (select min(r.plan_class) from use_rows as r))
        from site_overlay($1::geometry, $2::date) as o
        left join plan_zones as z on o.layer = 'plan_zones' and z.code = o.code
        left join land_use_codes as u on u.standard = z.land_use_edition and u.code = z.land_use
        left join control_line_kinds as lk on o.layer = 'control_lines' and lk.code = o.kind
        left join protected_area_kinds as pk on o.layer = 'protected_areas' and pk.code = o.kind
        left join parcels as p on o.layer = 'parcels' and p.code = o.code
        where st_area($1::geography) <= $3 and (o.layer <> 'parcels' or o.code is distinct from $4::text)
        order by o.layer, o.overlap_m2 desc, o.code
        """;
}
