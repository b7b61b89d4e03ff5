using Npgsql;

namespace LandMap.Tests.Planning;

/// <summary>
/// A hand-made regulatory plan with its parcels, in park P-C (20 x 10 units of 100 m, EPSG:4549,
/// south-west corner <see cref="E"/>, <see cref="N"/>; away from the parks of HandMadeLand). Shapes
/// are rectangles in metres from that corner; areas on the ellipsoid are the plane's within 0.02 %.
/// Plan (GB 50137 classes): zone A, x 0-1000, y 0-500, M2, edition 1 (ZA-1, 2015-01-01 to 2020-01-01)
/// plot ratio 1.0-2.0, then edition 2 (ZA-2, from 2020-01-01) 1.0-1.5; both density at most 0.50,
/// green at least 0.10. Zone B (ZB-1, from 2015-01-01), x 1000-2000, y 0-500, R2: plot ratio at most
/// 2.5, density at most 0.30, green at least 0.30. North of y 500 there is no plan; there lie a red
/// line (y 600-620, x 0-1000), a yellow line (x 0-50, y 520-540), a blue line approved 2021-01-01
/// (x 400-500, y 500-1000) and basic farmland (x 600-800, y 700-900).
/// </summary>
public static class CompliancePlan
{
    public const double E = 590000, N = 3080000;
    public const string Park = "P-C";

    /// <summary>A day under edition 1 of zone A, before the blue line's approval.</summary>
    public static readonly DateOnly Before = new(2019, 6, 30);

    public sealed record Parcel(string Code, double X0, double Y0, double X1, double Y1, string LandUse,
        decimal? Plot = null, decimal? Density = null, decimal? Green = null, decimal? Coverage = null, decimal? Admin = null,
        string? Approved = null)
    {
        public double PlaneM2 => (X1 - X0) * (Y1 - Y0);
    }

    /// <summary>A parcel of one unit at column, row (100 m squares) with zone A's passing figures.</summary>
    private static Parcel A(string code, int col, int row, decimal plot = 1.2m, decimal density = 0.4m, decimal green = 0.15m,
        decimal coverage = 0.4m, decimal admin = 0.05m, string use = "0601", string? approved = null) =>
        new(code, col * 100, row * 100, col * 100 + 100, row * 100 + 100, use, plot, density, green, coverage, admin, approved);

    public static readonly Parcel[] Parcels =
    [
        // Every bound exactly: plot ratio at zone A's max (1.5), density at its max, green at the 24号 max
        // (and over the zone's min), coverage at the 24号 min, administrative facilities at its max.
        A("C-OK", 0, 0, plot: 1.5m, density: 0.50m, green: 0.20m, coverage: 0.30m, admin: 0.07m),
        A("C-PR-OVER", 1, 0, plot: 1.51m),              // over ZA-2's 1.5; under ZA-1's 2.0
        A("C-PR-MIN", 2, 0, plot: 1.00m, green: 0.10m),  // at the zone's minimums
        A("C-PR-UNDER", 3, 0, plot: 0.99m),
        A("C-DENS", 4, 0, density: 0.5001m),
        A("C-GREEN", 5, 0, green: 0.0999m),
        A("C-IND", 6, 0, coverage: 0.2999m, green: 0.2001m, admin: 0.0701m),
        A("C-USE", 7, 0, use: "0701"),                  // residential in an M2 zone
        A("C-APPR", 8, 0, use: "0701", approved: "0601"), // approved industrial: the approved use counts
        new("C-NONE", 900, 0, 1000, 100, "0601"),       // no figures: nothing checked but the use
        new("C-R-OK", 1000, 0, 1100, 100, "0701", 2.5m, 0.30m, 0.30m),
        // Half in zone A (M2, plot ≤ 1.5 now, ≤ 2.0 before), half in zone B (R2): each zone's figures.
        new("C-SPLIT", 900, 100, 1100, 200, "0601", 2.0m, 0.35m, 0.15m, 0.4m, 0.05m),
        // 0.5 m (0.5 %) in zone A: a sliver, so zone B's plan alone applies (residential passes).
        new("C-SLIVER", 999.5, 200, 1099.5, 300, "0701", 2.0m, 0.30m, 0.30m),
        new("C-RED", 0, 510, 100, 610, "0701"),         // 10 m into the red line (1000 m²), 20 m x 50 m of the yellow one
        new("C-ADJ", 200, 500, 300, 600, "0701"),       // touches the red line along an edge only
        new("C-BLUE", 350, 500, 450, 600, "0701"),      // 50 m x 100 m of the blue line (5000 m²)
        new("C-FARM", 750, 650, 850, 750, "0701"),      // 50 m x 50 m of basic farmland (2500 m²)
    ];

    public static Parcel Get(string code) => Parcels.Single(p => p.Code == code);

    private static string Box(double x0, double y0, double x1, double y1) => FormattableString.Invariant(
        $"st_multi(st_transform(st_makeenvelope({E + x0}, {N + y0}, {E + x1}, {N + y1}, 4549), 4490))");

    public static async Task InsertAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        var sql = new List<string>
        {
            $"insert into parks (code, name_zh, name_en, kind, geom) values ('{Park}', '规划测试园', '{Park}', 'radiating', {Box(0, 0, 2000, 1000)})",
            $"""
            insert into plan_zones (code, plan_name, edition, approved_on, repealed_on, land_use, land_use_edition,
                plot_ratio_min, plot_ratio_max, building_density_max, green_ratio_min, geom) values
              ('ZA-1', '测试控规', '2015', '2015-01-01', '2020-01-01', 'M2', 'GB 50137-2011', 1.0, 2.0, 0.50, 0.10, {Box(0, 0, 1000, 500)}),
              ('ZA-2', '测试控规', '2020', '2020-01-01', null, 'M2', 'GB 50137-2011', 1.0, 1.5, 0.50, 0.10, {Box(0, 0, 1000, 500)}),
              ('ZB-1', '测试控规', '2015', '2015-01-01', null, 'R2', 'GB 50137-2011', null, 2.5, 0.30, 0.30, {Box(1000, 0, 2000, 500)})
            """,
            $"""
            insert into control_lines (code, name, kind, approved_on, geom) values
              ('RL-1', '测试路红线', 'red', null, {Box(0, 600, 1000, 620)}),
              ('YL-1', '测试管线黄线', 'yellow', null, {Box(0, 520, 50, 540)}),
              ('BL-1', '测试河蓝线', 'blue', '2021-01-01', {Box(400, 500, 500, 1000)})
            """,
            $"insert into protected_areas (code, name, kind, geom) values ('PA-1', '测试基本农田', 'basic_farmland', {Box(600, 700, 800, 900)})",
        };
        foreach (var p in Parcels)
        {
            string V(decimal? v) => v is { } x ? x.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
            sql.Add($"""
                insert into parcels (code, park_code, land_use, land_use_approved, status, plot_ratio, building_density,
                    green_ratio, building_coverage, admin_facility_ratio, source, geom)
                values ('{p.Code}', '{Park}', '{p.LandUse}', {(p.Approved is null ? "null" : $"'{p.Approved}'")}, 'in_use',
                    {V(p.Plot)}, {V(p.Density)}, {V(p.Green)}, {V(p.Coverage)}, {V(p.Admin)}, 'hand-made', {Box(p.X0, p.Y0, p.X1, p.Y1)})
                """);
        }
        foreach (var s in sql)
        {
            await using var cmd = new NpgsqlCommand(s, conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
