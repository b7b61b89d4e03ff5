namespace LandMap.SampleData;

/// <summary>
/// Turns a parcel's role into consistent columns and events. The data describes the zone as of
/// <see cref="AsOf"/>: idle means supplied, agreed start more than a year before that date and
/// not started (or started, under a third built and halted), as docs/domain-facts.md defines it.
/// Only the indicator roles get the counted event kinds in 2014; every other story avoids 2014
/// for those kinds so the report's figures are not inflated.
/// </summary>
public static class Stories
{
    public static readonly DateOnly AsOf = new(2016, 12, 31);

    public static void Tell(Parcel p, Random r)
    {
        var industrial = p.LandUse.StartsWith("06", StringComparison.Ordinal);
        switch (p.Role)
        {
            case Role.InUseBuilt:
                Supply(p, r, Year(r, 2006, 2013, industrial));
                Start(p, r, 0);
                Finish(p, r, full: true);
                break;
            case Role.InUseBuilding:
                Supply(p, r, r.NextDouble() < 0.5 ? 2013 : Year(r, 2012, 2015, industrial));
                Start(p, r, 0);
                Building(p, r);
                // Some late starters were pushed by the clearing campaign of their year (never 2014:
                // that year's cleared land is exactly the report's 4494 mu).
                var pushed = p.ActualStartOn!.Value.AddMonths(-r.Next(1, 3));
                if (r.NextDouble() < 0.4 && pushed.Year is 2015 or 2016 && pushed > p.SuppliedOn)
                    p.Events.Add(("cleared", pushed));
                break;
            case Role.UnderUsed:
                Supply(p, r, Year(r, 2005, 2012, industrial));
                Start(p, r, 2);
                Finish(p, r, full: false);
                break;
            case Role.Idle:
                Supply(p, r, r.Next(2010, 2014)); // never 2014: those sales belong to the 776 mu
                if (r.NextDouble() < 0.25)
                    HaltEarly(p, r);
                else
                    Idle(p);
                break;
            case Role.SuppliedUnused:
                Supply(p, r, 2016, monthTo: 9);
                Idle(p);
                break;
            case Role.ApprovedUnsupplied:
                Plan(p, r);
                p.ApprovedOn = Date(r, r.Next(2012, 2017));
                break;
            case Role.LowEfficiency:
            case Role.Redevelop2014:
                Supply(p, r, r.Next(1996, 2006));
                Start(p, r, 1);
                Finish(p, r, full: false);
                Extensive(p, r);
                if (p.Role == Role.Redevelop2014)
                    p.Events.Add(("redevelopment_started", Date(r, 2014)));
                else if (r.NextDouble() < 0.3)
                    p.Events.Add(("redevelopment_started", Date(r, r.NextDouble() < 0.5 ? 2015 : 2016)));
                break;
            case Role.Revitalised:
            case Role.Revitalised2014:
                Revitalise(p, r, p.Role == Role.Revitalised2014 ? 2014 : r.Next(2015, 2017));
                break;
            case Role.Cleared2014:
                Clear(p, r);
                break;
            case Role.Sold2014Industrial:
                Supply(p, r, 2014, monthTo: 10);
                if (p.ProjectProgress is not null || r.NextDouble() < 0.75)
                {
                    Start(p, r, 0);
                    if (p.ProjectProgress is null && r.NextDouble() < 0.3) Finish(p, r, full: true); else Building(p, r);
                }
                else
                {
                    Idle(p); // agreed start in 2015 has passed by more than a year: idle
                }
                break;
            case Role.TidalFlat:
            case Role.Reported2014:
                var reported = p.Role == Role.Reported2014 ? 2014 : r.NextDouble() < 0.4 ? r.Next(2015, 2017) : 0;
                if (reported > 0)
                    p.Events.Add(("reported_for_approval", Date(r, reported)));
                break;
            case Role.Reclaimed:
                p.Events.Add(("reported_for_approval", Date(r, r.Next(2010, 2014))));
                p.ApprovedOn = Date(r, 2013);
                p.Events.Add(("reclaimed", Date(r, r.NextDouble() < 0.5 ? 2015 : 2016)));
                break;
            default:
                throw new InvalidOperationException($"{p.Code}: no role");
        }
        p.Status = StatusOf(p);
        p.Events.Sort((a, b) => a.On.CompareTo(b.On));
    }

    private static string StatusOf(Parcel p) => p.Role switch
    {
        Role.TidalFlat or Role.Reported2014 => "unused_tidal_flat",
        Role.Reclaimed => "reclaimed",
        Role.ApprovedUnsupplied => "approved_unsupplied",
        Role.LowEfficiency or Role.Redevelop2014 => "low_efficiency",
        Role.UnderUsed => "under_used",
        _ when p.SuppliedOn is null => "approved_unsupplied",
        // The service's idle rules (parcel_state_at): not started a full calendar year after the
        // agreed start (idle from the day after the anniversary); or under a third developed and
        // halted a full calendar year. AddYears takes 29 February to 28 February, as PostgreSQL does.
        _ when p.ActualStartOn is null => AsOf > p.AgreedStartOn!.Value.AddYears(1) ? "idle" : "supplied_unused",
        _ when p.ActualCompletionOn is null && p.BuiltAreaRatio * 3 < 1 && p.HaltedOn is { } halted
               && AsOf > halted.AddYears(1) => "idle",
        _ => "in_use",
    };

    /// <summary>Industrial land sold in 2014 is the 776 mu set; other stories draw a year around it.</summary>
    private static int Year(Random r, int from, int to, bool industrial)
    {
        var y = r.Next(from, to + 1);
        return industrial && y == 2014 ? 2013 : y;
    }

    private static DateOnly Date(Random r, int year, int monthFrom = 1, int monthTo = 12) =>
        new(year, r.Next(monthFrom, monthTo + 1), r.Next(1, 29));

    private static bool Allocated(string landUse) =>
        landUse.StartsWith("08", StringComparison.Ordinal) || landUse is "1004" or "1005";

    private static void Supply(Parcel p, Random r, int year, int monthFrom = 1, int monthTo = 12)
    {
        Plan(p, r);
        var on = Date(r, year, monthFrom, monthTo);
        var sale = !Allocated(p.LandUse);
        p.SupplyMethod = sale ? "sale" : "allocation";
        p.SuppliedOn = on;
        p.ApprovedOn ??= on.AddMonths(-r.Next(4, 19));
        p.AgreedStartOn = on.AddMonths(r.Next(3, 10));
        p.AgreedCompletionOn = p.AgreedStartOn.Value.AddMonths(r.Next(18, 31));
        p.LandUser ??= Names.LandUser(p.LandUse, r);
        p.ContractNo = $"{(sale ? "温开出让" : "温开划拨")}〔{year}〕第{r.Next(1, 200):000}号";
        p.Name ??= Names.ParcelName(p.LandUser);
        p.Events.Add((sale ? "sold" : "allocated", on));
        var perMu = Names.InvestmentPerMu(p.LandUse);
        if (perMu > 0)
            p.InvestmentAgreedWan = Math.Round((decimal)(p.AreaMu * perMu * (0.85 + 0.3 * r.NextDouble())), 2);
    }

    /// <summary>Planning conditions (容积率, 建筑密度, 绿地率) by land use, in the ranges zone plans use.</summary>
    private static void Plan(Parcel p, Random r)
    {
        (double min, double max, double density, double green) = p.LandUse switch
        {
            "0601" or "0508" or "0604" => (1.0 + 0.2 * r.NextDouble(), 2.0 + r.NextDouble(), 0.40 + 0.15 * r.NextDouble(), 0.10 + 0.05 * r.NextDouble()),
            "0505" => (2.0, 4.0 + r.NextDouble(), 0.35 + 0.1 * r.NextDouble(), 0.25 + 0.05 * r.NextDouble()),
            "0701" => (1.8, 2.5 + 0.5 * r.NextDouble(), 0.20 + 0.08 * r.NextDouble(), 0.30 + 0.05 * r.NextDouble()),
            "0810" => (0.0, 0.1, 0.02, 0.70 + 0.1 * r.NextDouble()),
            "1004" or "1105" or "1201" => (double.NaN, double.NaN, double.NaN, double.NaN),
            _ => (0.8, 1.4 + 0.4 * r.NextDouble(), 0.25 + 0.1 * r.NextDouble(), 0.35),
        };
        if (double.IsNaN(min))
            return;
        p.PlotRatioMin = Math.Round((decimal)min, 2);
        p.PlotRatioMax = Math.Round((decimal)max, 2);
        p.BuildingDensity = Math.Round((decimal)density, 4);
        p.GreenRatio = Math.Round((decimal)green, 4);
    }

    private static void Start(Parcel p, Random r, int lateYears)
    {
        var start = p.AgreedStartOn!.Value.AddDays(r.Next(-30, 120) + 365 * r.Next(0, lateYears + 1));
        p.ActualStartOn = start > AsOf ? AsOf.AddMonths(-2) : start;
    }

    private static void Finish(Parcel p, Random r, bool full)
    {
        var done = p.ActualStartOn!.Value.AddMonths(r.Next(14, 30));
        p.ActualCompletionOn = done > AsOf ? AsOf.AddDays(-r.Next(10, 60)) : done;
        var min = (double)(p.PlotRatioMin ?? 0);
        var max = (double)(p.PlotRatioMax ?? 0);
        var ratio = full ? min + (max - min) * r.NextDouble() : min * (0.5 + 0.35 * r.NextDouble());
        if (p.PlotRatioMax is not null)
            p.PlotRatio = Math.Round((decimal)ratio, 2);
        var built = full ? 0.95 + 0.05 * r.NextDouble() : 0.5 + 0.35 * r.NextDouble();
        p.BuiltAreaRatio = Math.Round((decimal)built, 4);
        if (p.InvestmentAgreedWan is { } agreed)
            p.InvestmentActualWan = Math.Round(agreed * (decimal)(full ? 1.0 + 0.3 * r.NextDouble() : 0.4 + 0.4 * r.NextDouble()), 2);
    }

    private static void Building(Parcel p, Random r)
    {
        p.BuiltAreaRatio = Math.Round((decimal)(0.35 + 0.5 * r.NextDouble()), 4);
        if (p.InvestmentAgreedWan is { } agreed)
            p.InvestmentActualWan = Math.Round(agreed * p.BuiltAreaRatio.Value, 2);
    }

    private static void Idle(Parcel p)
    {
        p.BuiltAreaRatio = 0m;
        if (p.InvestmentAgreedWan is not null)
            p.InvestmentActualWan = 0m;
    }

    /// <summary>Second kind of idle land: started, under a third built and under 25 % invested, halted.</summary>
    private static void HaltEarly(Parcel p, Random r)
    {
        Start(p, r, 0);
        // Halted half a year after the start (no random draw, so the other stories keep their numbers).
        p.HaltedOn = p.ActualStartOn!.Value.AddMonths(6);
        p.BuiltAreaRatio = Math.Round((decimal)(0.05 + 0.25 * r.NextDouble()), 4);
        if (p.InvestmentAgreedWan is { } agreed)
            p.InvestmentActualWan = Math.Round(agreed * (decimal)(0.05 + 0.18 * r.NextDouble()), 2);
    }

    /// <summary>Old plants with low plot ratio and investment: what 低效用地 lists hold.</summary>
    private static void Extensive(Parcel p, Random r)
    {
        p.PlotRatio = Math.Round((decimal)(0.35 + 0.4 * r.NextDouble()), 2);
        p.BuildingDensity = Math.Round((decimal)(0.22 + 0.1 * r.NextDouble()), 4);
    }

    /// <summary>Stock land that lay idle and was revitalised: handed to a new user who built on it.</summary>
    private static void Revitalise(Parcel p, Random r, int year)
    {
        Supply(p, r, r.Next(2003, 2010));
        var on = Date(r, year, 1, 10);
        p.Events.Add(("revitalised", on));
        p.LandUser = Names.LandUser(p.LandUse, r);
        p.Name = Names.ParcelName(p.LandUser);
        p.ActualStartOn = on.AddMonths(r.Next(1, 6));
        if (p.ActualStartOn.Value.AddMonths(20) < AsOf) Finish(p, r, full: true); else Building(p, r);
    }

    /// <summary>
    /// 清理处置: either supplied earlier and not started (供而未用), cleared by getting the builder
    /// to start, or approved and never supplied (批而未供), cleared and then supplied in 2015-16.
    /// </summary>
    private static void Clear(Parcel p, Random r)
    {
        var cleared = Date(r, 2014, 1, 10);
        if (r.NextDouble() < 0.55)
        {
            Supply(p, r, r.Next(2009, 2013));
            p.ActualStartOn = cleared.AddMonths(r.Next(1, 3));
            if (r.NextDouble() < 0.5) Finish(p, r, full: true); else Building(p, r);
        }
        else
        {
            p.ApprovedOn = Date(r, r.Next(2009, 2012));
            Supply(p, r, r.NextDouble() < 0.6 ? 2015 : 2016, monthTo: 9);
            if (p.AgreedStartOn < AsOf.AddMonths(-6)) { Start(p, r, 0); Building(p, r); } else Idle(p);
        }
        p.Events.Add(("cleared", cleared));
    }
}
