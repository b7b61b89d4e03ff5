namespace LandMap.SampleData;

/// <summary>
/// The supply contracts' figures and the idle-land procedure (《闲置土地处置办法》) on the sample
/// parcels, as of <see cref="Stories.AsOf"/>. Drawn after the stories from each parcel's own facts
/// and its place among the idle parcels, never from the random streams, so every other number of
/// the sample stays as it was. Illustrative: every step of the procedure occurs at least once.
/// </summary>
public static class Procedure
{
    private static readonly DateOnly AsOf = Stories.AsOf;

    /// <summary>Price, term, hand-over and sale mode of every supplied parcel.</summary>
    public static void Contract(Parcel p)
    {
        if (p.SuppliedOn is not { } supplied) return;
        var h = Hash(p.Code);
        var industrial = p.LandUse.StartsWith("06", StringComparison.Ordinal) || p.LandUse == "0508";
        if (p.SupplyMethod == "sale")
        {
            // Industrial land is sold by listing (挂牌); commercial by auction or tender; sales
            // before 2007 (before 招拍挂 was required for industrial land) keep no recorded mode.
            p.SupplyMethod = supplied.Year < 2007 ? "sale" : industrial ? "listing" : h % 3 == 0 ? "tender" : "auction";
            p.TermYears = industrial ? 50 : p.LandUse.StartsWith("07", StringComparison.Ordinal) ? 70 : 40;
        }
        // 万元 per mu: industrial land 30-50, other sold land 150-250, allocated land 5-10 (compensation costs).
        var perMu = p.SupplyMethod == "allocation" ? 5 + h % 6 : industrial ? 30 + h % 21 : 150 + h % 101;
        p.SupplyPriceWan = Math.Round((decimal)p.AreaMu * perMu, 2);
        p.HandoverOn = supplied.AddDays(15 + h % 60);
    }

    /// <summary>
    /// Investigation, determination and disposal of the parcels idle on the reference date, in code
    /// order: a few by government causes (Article 8, each Article 12 disposal once), the others by the
    /// land user (Article 14: fee at one year, recovery without compensation at two). A parcel whose
    /// determination would fall after the reference date stays suspected (疑似闲置).
    /// </summary>
    public static void Investigate(IReadOnlyList<Parcel> parcels)
    {
        var idle = parcels.Where(p => p.Status == "idle").OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        for (var i = 0; i < idle.Count; i++)
        {
            var p = idle[i];
            var idleOn = IdleOn(p);
            var notice = idleOn.AddDays(30);
            var determined = idleOn.AddDays(90);
            var n = i + 1;
            if (notice <= AsOf) p.Events.Add(new("idle_investigation", notice, $"温开国土闲调〔{notice.Year}〕{n}号"));
            if (determined > AsOf)
            {
                p.Status = "suspected_idle";
                continue;
            }
            var (cause, disposal) = i switch
            {
                0 => ("late_handover", "extension_agreed"),
                1 => ("demolition_unfinished", "use_adjusted"),
                2 => ("plan_revised", "temporary_use"),
                3 => ("policy_change", "land_swapped"),
                4 => ("other_government", "recovered_with_compensation"),
                _ => ("land_user", null),
            };
            p.Events.Add(new("idle_determined", determined, $"温开国土闲认〔{determined.Year}〕{n}号", cause));
            var decided = determined.AddDays(60);
            if (decided > AsOf) continue;
            if (disposal is not null)
                Dispose(p, disposal, decided, n);
            else
                Penalise(p, decided, n);
        }
    }

    /// <summary>An Article 12 disposal: the new start (at most a year on, two for temporary use) restarts the clock.</summary>
    private static void Dispose(Parcel p, string kind, DateOnly on, int n)
    {
        DateOnly? newStart = kind switch
        {
            "extension_agreed" => on.AddMonths(9),
            "use_adjusted" => on.AddMonths(6),
            "temporary_use" => on.AddYears(2),
            _ => null,
        };
        p.Events.Add(new(kind, on, $"温开国土闲处〔{on.Year}〕{n}号", NewAgreedStartOn: newStart));
        p.Status = kind is "land_swapped" or "recovered_with_compensation" ? "recovered"
            : newStart!.Value.AddYears(1) < AsOf ? "suspected_idle" : p.ActualStartOn is null ? "supplied_unused" : "in_use";
    }

    /// <summary>Article 14: the fee (20 % of the price) from one year; recovery without compensation from two.</summary>
    private static void Penalise(Parcel p, DateOnly on, int n)
    {
        var fee = Math.Round(p.SupplyPriceWan!.Value * 0.2m, 2);
        p.Events.Add(new("idle_fee_levied", on, $"温开国土闲征〔{on.Year}〕{n}号", AmountWan: fee));
        var paid = on.AddDays(25);
        if (n % 2 == 0 && paid <= AsOf) p.Events.Add(new("idle_fee_paid", paid, $"缴款书〔{paid.Year}〕{n}号", AmountWan: fee));
        // Every eighth, still not started two full years on, is recovered without compensation.
        var recovered = ClockStart(p).AddYears(2).AddDays(61);
        if (n % 8 == 0 && recovered <= AsOf)
        {
            p.Events.Add(new("recovered_without_compensation", recovered, $"温开国土收〔{recovered.Year}〕{n}号"));
            p.Status = "recovered";
        }
    }

    private static DateOnly ClockStart(Parcel p) => p.ActualStartOn is null ? p.AgreedStartOn!.Value : p.HaltedOn!.Value;

    /// <summary>The first idle day, as the service's rule counts it (calendar years; docs/domain-facts.md).</summary>
    private static DateOnly IdleOn(Parcel p) => ClockStart(p).AddYears(1).AddDays(1);

    private static int Hash(string code)
    {
        var h = 17;
        foreach (var c in code) h = unchecked(h * 31 + c);
        return Math.Abs(h % 1000);
    }
}
