using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>How a park's parcel grid is laid out: blocks separated by road corridors.</summary>
public sealed record GridSpec(
    double AngleDeg,      // grid rotation; each park has its own so the map does not look stamped
    double BlockW,        // block size along the grid's u axis (m)
    double BlockH,        // block size along the v axis (m)
    double Corridor,      // road reserve between blocks (m); roads and rivers run in it
    int MaxCols,          // a block is split into 1..MaxCols x 1..MaxRows parcels
    int MaxRows,
    double SkipShare);    // share of blocks left unparcelled (villages, farmland, reserve)

/// <summary>
/// One park of the "one zone, seven parks" (一区七园) layout plus its GK outline.
/// Outlines are hand-drawn around the public label points in docs/domain-facts.md; the real boundaries
/// are not public, so these are illustrative.
/// </summary>
public sealed record ParkSpec(string Code, string NameZh, string NameEn, string Kind,
    Coordinate[] Outline, GridSpec Grid, int Seed)
{
    /// <summary>Polygon in the GK plane (set by <see cref="Parks.Build"/>; 滨海 has 金海 cut out).</summary>
    public Polygon Plane { get; set; } = null!;
}

public static class Parks
{
    private static Coordinate[] Ring(params double[] en)
    {
        var c = new Coordinate[en.Length / 2 + 1];
        for (var i = 0; i < en.Length / 2; i++)
            c[i] = new Coordinate(en[2 * i], en[2 * i + 1]);
        c[^1] = c[0].Copy();
        return c;
    }

    /// <summary>The eight parks; codes are referenced by parcels, projects and the synthetic set.</summary>
    public static readonly ParkSpec[] All =
    [
        // Core area around 金海湖, cut out of 滨海 (it is 滨海's core) so parks never overlap.
        new("P-JH", "金海园区", "Jinhai Park (core area)", "core",
            Ring(583050, 3082950, 584000, 3082880, 585350, 3083000, 585450, 3083900, 585300, 3084800,
                 584700, 3085200, 583600, 3085150, 583000, 3084600, 582950, 3083700),
            new GridSpec(12, 330, 300, 36, 3, 2, 0.05), 101),
        // South of the airport, between 滨海大道 (west/north) and the sea dyke (east).
        new("P-BH", "滨海园区", "Binhai Park", "radiating",
            Ring(581900, 3082950, 584000, 3082850, 586000, 3082900, 587600, 3083250, 589400, 3084000,
                 590100, 3085600, 589600, 3087000, 587500, 3087800, 585500, 3087900, 583600, 3087850,
                 582350, 3087450, 581850, 3086200, 581800, 3084500),
            new GridSpec(12, 480, 380, 40, 4, 2, 0.12), 102),
        new("P-HC", "海城园区", "Haicheng Park", "radiating",
            Ring(576000, 3077700, 577400, 3077550, 578450, 3077900, 578550, 3078900, 578100, 3079650,
                 576900, 3079750, 576050, 3079300, 575900, 3078500),
            new GridSpec(15, 320, 260, 26, 3, 2, 0.10), 103),
        new("P-TH", "天河园区", "Tianhe Park", "radiating",
            Ring(576100, 3081550, 577300, 3081450, 578250, 3081800, 578350, 3082700, 578000, 3083350,
                 576900, 3083450, 576150, 3083000, 576000, 3082200),
            new GridSpec(-10, 300, 250, 26, 3, 2, 0.10), 104),
        new("P-SC", "沙城园区", "Shacheng Park", "radiating",
            Ring(580100, 3081950, 581000, 3081850, 581550, 3082300, 581500, 3083250, 580900, 3083600,
                 580150, 3083450, 580050, 3082700),
            new GridSpec(3, 280, 240, 24, 3, 2, 0.08), 105),
        new("P-XH", "星海园区", "Xinghai Park", "radiating",
            Ring(578750, 3082500, 579600, 3082400, 579950, 3082900, 579900, 3083700, 579300, 3083950,
                 578800, 3083700, 578700, 3083100),
            new GridSpec(-5, 260, 220, 24, 3, 2, 0.08), 106),
        new("P-DS", "丁山园区", "Dingshan Park", "radiating",
            Ring(583400, 3080800, 584900, 3080650, 586300, 3081000, 586450, 3081900, 586000, 3082550,
                 584700, 3082650, 583500, 3082500, 583250, 3081700),
            new GridSpec(8, 360, 300, 30, 3, 2, 0.10), 107),
        // Reclamation on the tidal flats south-east of 丁山: big blocks, one or two flats each.
        new("P-OF", "瓯飞园区", "Oufei Park (reclamation)", "radiating",
            Ring(587000, 3082300, 589500, 3082600, 591800, 3081800, 592900, 3080200, 592600, 3078000,
                 591200, 3076300, 589200, 3075900, 587600, 3076800, 586900, 3078600, 586700, 3080600),
            new GridSpec(30, 900, 700, 60, 2, 1, 0.05), 108),
    ];

    public static ParkSpec Get(string code) => All.Single(p => p.Code == code);

    /// <summary>Builds plane polygons; 滨海 loses 金海 plus an 80 m corridor (金海's ring road).</summary>
    public static void Build()
    {
        foreach (var park in All)
            park.Plane = Projection.Plane.CreatePolygon(park.Outline);
        var jinhai = Get("P-JH").Plane;
        var binhai = Get("P-BH");
        var cut = binhai.Plane.Difference(jinhai.Buffer(80));
        binhai.Plane = cut as Polygon
            ?? throw new InvalidOperationException("滨海 minus 金海 should stay one polygon");
    }
}
