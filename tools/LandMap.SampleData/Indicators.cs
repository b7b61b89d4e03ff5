namespace LandMap.SampleData;

/// <summary>
/// The 2014 land indicators of the work report, reproduced from geometry: the sum of the
/// ellipsoidal areas of the parcels with an event of the kind dated in 2014 must equal the
/// reported figure. Parcels are picked at random from a plausible pool and the last one is
/// shrunk so the sum is exact before rounding (rounding to 1e-7 degrees moves it by ~1e-5).
/// </summary>
public static class Indicators
{
    public sealed record Target(Role Role, string Kind, double Mu, string What, string[] Parks, bool CoastalOnly);

    public static readonly Target[] Targets =
    [
        // 出让工业用地 776 亩 (land_use 06xx, event sold).
        new(Role.Sold2014Industrial, "sold", 776, "industrial land sold", ["P-BH", "P-DS", "P-JH"], false),
        // 清理批而未供、供而未用土地 4494 亩.
        new(Role.Cleared2014, "cleared", 4494, "approved-unsupplied / supplied-unused land cleared", ["P-BH", "P-JH", "P-DS"], false),
        // 启动城镇低效用地再开发 1601 亩: the old street-level industrial parks.
        new(Role.Redevelop2014, "redevelopment_started", 1601, "low-efficiency land redevelopment started", ["P-TH", "P-HC", "P-XH", "P-SC"], false),
        // 盘活存量建设用地 620 亩.
        new(Role.Revitalised2014, "revitalised", 620, "stock construction land revitalised", ["P-DS", "P-SC", "P-TH", "P-HC", "P-XH"], false),
        // 报批荒滩未利用地 2505 亩: tidal flats (land_use 1105) of 瓯飞 and the 滨海 shore.
        new(Role.Reported2014, "reported_for_approval", 2505, "unused tidal flats reported for approval", ["P-OF", "P-BH"], true),
    ];

    public static void Allocate(List<Parcel> parcels)
    {
        foreach (var t in Targets)
        {
            var rng = new Random(7000 + (int)t.Role);
            var need = t.Mu - parcels.Where(p => p.Role == t.Role).Sum(p => p.AreaMu);
            var pool = parcels
                .Where(p => p.Role == Role.None && t.Parks.Contains(p.ParkCode) && p.Coastal == t.CoastalOnly)
                .OrderBy(_ => rng.Next())
                .ToList();
            foreach (var p in pool)
            {
                if (need <= 1e-9)
                    break;
                var area = p.AreaMu;
                if (area <= need)
                {
                    Take(p, t);
                    need -= area;
                }
                else if (p.Resizable && need >= 0.3 * area)
                {
                    p.ShrinkToMu(need);
                    Take(p, t);
                    need = 0;
                }
            }
            if (need > 1e-6)
                throw new InvalidOperationException($"{t.Kind}: pool too small, {need:F1} mu short");
        }
    }

    private static void Take(Parcel p, Target t)
    {
        p.Role = t.Role;
        p.LandUse = t.Role switch
        {
            Role.Sold2014Industrial or Role.Redevelop2014 => "0601",
            Role.Reported2014 => "1105",
            _ => p.LandUse,
        };
    }

    /// <summary>Sums as the indicator query computes them, from the final (rounded) geometries.</summary>
    public static IEnumerable<(Target Target, double Mu)> Measure(IEnumerable<(Parcel Parcel, double AreaMu)> parcels)
    {
        var list = parcels.ToList();
        foreach (var t in Targets)
        {
            var mu = list
                .Where(x => x.Parcel.Events.Any(e => e.Kind == t.Kind && e.On.Year == 2014)
                            && (t.Kind != "sold" || x.Parcel.LandUse.StartsWith("06", StringComparison.Ordinal)))
                .Sum(x => x.AreaMu);
            yield return (t, mu);
        }
    }
}
