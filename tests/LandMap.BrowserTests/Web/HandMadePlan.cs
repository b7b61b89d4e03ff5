using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// A small plan made by hand in an empty corner of the write server's zone (lon 121.150-121.156,
/// lat 27.650-27.652, far from every park), inserted by SQL once per run: two zones in force side by
/// side (M2 west, G1 east, each 0.002 deg square), an earlier R2 edition of the west one repealed on
/// 2015-01-01, a road red line along their north edge (lat 27.6518-27.6520), basic farmland east of
/// them, and one parcel (0601, plot ratio 2.5) inside the M2 zone. Shares and areas follow from the
/// degrees: at one latitude, areas of boxes of the same height are in the ratio of their widths.
/// </summary>
public static class HandMadePlan
{
    public const double West = 121.150, Middle = 121.152, East = 121.154, FarEast = 121.156;
    public const double South = 27.650, North = 27.652, RedLineSouth = 27.6518;
    public const string ParcelCode = "T16-PARCEL-1";
    /// <summary>The parcel: inside the M2 zone, clear of the red line.</summary>
    public const double ParcelWest = 121.1505, ParcelEast = 121.1515, ParcelSouth = 27.6505, ParcelNorth = 27.6515;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _made;

    private static string Box(double w, double s, double e, double n) =>
        FormattableString.Invariant($"st_multi(st_makeenvelope({w}, {s}, {e}, {n}, 4490))");

    /// <summary>Insert the plan and the parcel into the write server's database (once).</summary>
    public static async Task EnsureAsync(WriteServer ws)
    {
        await Gate.WaitAsync();
        try
        {
            if (_made) return;
            var sql = $"""
                insert into plan_zones (code, plan_name, edition, approval_doc, approved_on, repealed_on, land_use, land_use_edition,
                                        plot_ratio_min, plot_ratio_max, building_density_max, height_max_m, green_ratio_min, geom) values
                  ('T16-PZ-M2', '测试控规', '2015', '测试批复〔2015〕1号', '2015-01-01', null, 'M2', 'GB 50137-2011', 1.0, 2.0, 0.5, 24, 0.1, {Box(West, South, Middle, North)}),
                  ('T16-PZ-G1', '测试控规', '2015', '测试批复〔2015〕1号', '2015-01-01', null, 'G1', 'GB 50137-2011', null, null, null, null, 0.7, {Box(Middle, South, East, North)}),
                  ('T16-PZ-R2-OLD', '测试控规', '2010', '测试批复〔2010〕1号', '2010-01-01', '2015-01-01', 'R2', 'GB 50137-2011', 1.0, 2.5, 0.3, 60, 0.3, {Box(West, South, Middle, North)});
                insert into control_lines (code, name, kind, width_m, geom) values
                  ('T16-CL-RED', '测试路 道路红线', 'red', 22, {Box(West, RedLineSouth, East, North)});
                insert into protected_areas (code, name, kind, designated_on, geom) values
                  ('T16-PA-FARM', '测试基本农田', 'basic_farmland', '2017-06-01', {Box(East, South, FarEast, North)});
                """;
            await using (var cmd = ws.DataSource.CreateCommand(sql)) await cmd.ExecuteNonQueryAsync();
            await CreateParcelAsync(ws);
            _made = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task CreateParcelAsync(WriteServer ws)
    {
        var ring = new JsonArray(
            new JsonArray(ParcelWest, ParcelSouth), new JsonArray(ParcelEast, ParcelSouth), new JsonArray(ParcelEast, ParcelNorth),
            new JsonArray(ParcelWest, ParcelNorth), new JsonArray(ParcelWest, ParcelSouth));
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject
            {
                ["code"] = ParcelCode, ["name"] = "测试规划核查地块", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017",
                ["status"] = "in_use", ["approved_on"] = "2016-01-10", ["supplied_on"] = "2016-03-01", ["plot_ratio"] = 2.5,
                ["building_density"] = 0.45, ["green_ratio"] = 0.12,
            },
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) },
        };
        using var created = await ws.CreateWriterClient().PostAsync("ogc/collections/parcels/items",
            new StringContent(feature.ToJsonString(), Encoding.UTF8, "application/geo+json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    /// <summary>Frame the hand-made plan on the map (its whole extent, with the farmland).</summary>
    public static Task FrameAsync(MapSession map) => map.Page.EvaluateAsync(FormattableString.Invariant(
        $"() => window.landmap.map.fitBounds([[{South}, {West}], [{North}, {FarEast}]], {{ animate: false }})"));
}
