using LandMap.Api.Geo;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Geo;

/// <summary>
/// Uploads project with ProjNet (<see cref="SourceCrs"/>), reads with PostGIS <c>st_transform</c>
/// (PROJ and the EPSG database): the two must put every point of every CRS in the registry in the
/// same place, to the millimetre. A round trip through ProjNet alone proves nothing (a wrong central
/// meridian, false easting or ellipsoid cancels out); PostGIS is the independent side here.
/// </summary>
public sealed class ProjectionAgreementTests(LandMapServer server, ITestOutputHelper output)
{
    private const double Millimetre = 0.001;
    private const double MetresPerDegree = 111_320; // on the equator; longitude scaled by cos(latitude)

    /// <summary>The zone (Wenzhou ETDZ) and a ring around it reaching the next counties.</summary>
    private static readonly (double Lon, double Lat)[] AroundTheZone =
    [
        (120.80, 27.85), (120.72, 27.93), (120.95, 27.78),
        (120.30, 27.40), (121.30, 28.30), (120.30, 28.30), (121.30, 27.40),
    ];

    public static TheoryData<int> RegistrySrids => new(SourceCrs.All.Select(c => c.Srid));

    [Fact]
    public void The_registry_served_to_readers_is_covered_by_the_upload_registry()
    {
        // Every CRS a client may ask for (reads) is one uploads may use: this test checks them all.
        Assert.All(CrsRegistry.All, crs => Assert.NotNull(SourceCrs.Find(crs.Srid)));
    }

    [Theory]
    [MemberData(nameof(RegistrySrids))]
    public async Task ProjNet_and_PostGIS_agree_to_the_millimetre(int srid)
    {
        var def = SourceCrs.Find(srid)!;
        var geographic = GeographicSrid(def);
        var failures = new List<string>();
        var worst = 0.0;
        foreach (var (lon, lat) in PointsFor(def))
        {
            var (pgX, pgY) = await PostGisAsync(geographic, srid, lon, lat);

            // lon/lat to the CRS (what a reader gets): compared in the CRS's own unit turned into metres.
            var (x, y) = SourceCrs.FromStorage(def, lon, lat);
            var forward = def.Geographic ? DegreesApart(x, y, pgX, pgY) : Math.Sqrt(Sq(x - pgX) + Sq(y - pgY));

            // The CRS to lon/lat (what an upload stores), from PostGIS's coordinates: compared in degrees turned into metres.
            var (backLon, backLat) = SourceCrs.ToStorage(def, pgX, pgY);
            var inverse = DegreesApart(backLon, backLat, lon, lat);

            worst = Math.Max(worst, Math.Max(forward, inverse));
            if (!(forward <= Millimetre) || !(inverse <= Millimetre))
                failures.Add($"({lon}, {lat}): ProjNet ({x:F4}, {y:F4}) vs PostGIS ({pgX:F4}, {pgY:F4}) = {forward * 1000:F2} mm; back {inverse * 1000:F2} mm");
        }
        output.WriteLine($"EPSG:{srid}: largest disagreement {worst * 1000:F4} mm");
        Assert.True(failures.Count == 0, $"EPSG:{srid} ({def.Name}) from EPSG:{geographic}:\n" + string.Join('\n', failures));
    }

    /// <summary>The zone and its ring, plus, for Gauss-Kruger CRSs, the central meridian and points
    /// 0.9 of the half zone width either side of it (where an error in the series would show).</summary>
    private static IEnumerable<(double Lon, double Lat)> PointsFor(SourceCrsDef def)
    {
        foreach (var p in AroundTheZone) yield return p;
        if (def.CentralMeridian is not { } cm || def.ZoneWidth is not { } width) yield break;
        foreach (var lat in new[] { 27.0, 28.5 })
        foreach (var offset in new[] { -0.45, 0, 0.45 })
            yield return (cm + offset * width, lat);
    }

    /// <summary>The CRS's own geographic CRS: the registry projects Xian 1980 and Beijing 1954 on their
    /// own ellipsoids with no datum shift (see <see cref="SourceCrs"/>), so PostGIS starts from the
    /// same datum; CGCS2000 and WGS84 CRSs start from the storage CRS, as reads do.</summary>
    private static int GeographicSrid(SourceCrsDef def) => def.Datum switch
    {
        SourceDatum.Xian1980 => 4610,
        SourceDatum.Beijing1954 => 4214,
        SourceDatum.Wgs84 when def.Srid == 3857 => 4326,
        _ => CrsRegistry.StorageSrid,
    };

    private async Task<(double X, double Y)> PostGisAsync(int from, int to, double lon, double lat)
    {
        await using var cmd = server.DataSource.CreateCommand(
            "select st_x(g), st_y(g) from st_transform(st_setsrid(st_makepoint($1, $2), $3), $4) g");
        cmd.Parameters.Add(new NpgsqlParameter { Value = lon });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lat });
        cmd.Parameters.Add(new NpgsqlParameter { Value = from });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetDouble(0), reader.GetDouble(1));
    }

    private static double DegreesApart(double lon1, double lat1, double lon2, double lat2) =>
        MetresPerDegree * Math.Sqrt(Sq((lon1 - lon2) * Math.Cos(lat2 * Math.PI / 180)) + Sq(lat1 - lat2));

    private static double Sq(double v) => v * v;
}
