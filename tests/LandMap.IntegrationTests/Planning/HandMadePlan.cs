using Npgsql;

namespace LandMap.Tests.Planning;

/// <summary>
/// A regulatory plan small enough to work out by hand: rectangles in EPSG:4549 metres, given as
/// (x0, y0, x1, y1) offsets from an origin. On the central meridian (easting 500 000) the
/// Gauss-Kruger scale is 1, so a 100 m x 100 m square is 10 000 m² on the ellipsoid to well under
/// 0.01 m²; elsewhere areas carry the scale (k² ~ 1.00016 at easting 580 000).
/// Edition 2010 (in force 2010-01-01 until 2020-01-01): zone Z-M1 (M1; plot ratio 1.0-2.0, density
/// at most 0.40, green at least 0.15) west of x = 50, zone Z-G1 (G1; green at least 0.35) east of it.
/// Edition 2020 (from 2020-01-01): zone Z2-M2 (M2; plot ratio 1.2-2.5, density at most 0.50, green
/// at least 0.10) over both. A road red line L-RED 10 m wide along y = 45..55, a blue line L-BLUE
/// along x = 300..320 (outside the plan), basic farmland PA-FARM over x, y = 90..200.
/// The site <see cref="Site"/> (0..100 x 0..100): half in Z-M1, half in Z-G1 (edition 2010), all in
/// Z2-M2 (2020), 1000 m² of red line, 100 m² of farmland.
/// </summary>
public static class HandMadePlan
{
    public static readonly (double X0, double Y0, double X1, double Y1) Site = (0, 0, 100, 100);

    /// <summary>Within Z-M1 only (edition 2010): no line, no protected area. 80 m x 80 m.</summary>
    public static readonly (double X0, double Y0, double X1, double Y1) InM1 = (-90, 60, -10, 140);

    /// <summary>Outside every zone: 100 m x 100 m, 20 m of blue line across it (2000 m²).</summary>
    public static readonly (double X0, double Y0, double X1, double Y1) Outside = (250, 0, 350, 100);

    public static async Task InsertAsync(NpgsqlDataSource db, double e, double n)
    {
        await using var conn = await db.OpenConnectionAsync();
        async Task Run(string sql, params object?[] values)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
            await cmd.ExecuteNonQueryAsync();
        }
        string Box(double x0, double y0, double x1, double y1) => FormattableString.Invariant(
            $"st_multi(st_transform(st_makeenvelope({e + x0}, {n + y0}, {e + x1}, {n + y1}, 4549), 4490))");

        await Run($"""
            insert into plan_zones (code, plan_name, edition, approved_on, repealed_on, land_use, land_use_edition,
                                    plot_ratio_min, plot_ratio_max, building_density_max, height_max_m, green_ratio_min, geom) values
            ('Z-M1', '测试控规', '2010', '2010-01-01', '2020-01-01', 'M1', 'GB 50137-2011', 1.0, 2.0, 0.40, 24, 0.15, {Box(-100, -100, 50, 200)}),
            ('Z-G1', '测试控规', '2010', '2010-01-01', '2020-01-01', 'G1', 'GB 50137-2011', null, null, null, null, 0.35, {Box(50, -100, 200, 200)}),
            ('Z2-M2', '测试控规（修编）', '2020', '2020-01-01', null, 'M2', 'GB 50137-2011', 1.2, 2.5, 0.50, 40, 0.10, {Box(-100, -100, 200, 200)})
            """);
        await Run($"""
            insert into control_lines (code, name, kind, width_m, geom) values
            ('L-RED', '测试路道路红线', 'red', 10, {Box(-100, 45, 200, 55)}),
            ('L-BLUE', '测试河河道蓝线', 'blue', 20, {Box(300, -100, 320, 200)})
            """);
        await Run($"""
            insert into protected_areas (code, name, kind, geom) values
            ('PA-FARM', '测试基本农田', 'basic_farmland', {Box(90, 90, 200, 200)})
            """);
    }
}
