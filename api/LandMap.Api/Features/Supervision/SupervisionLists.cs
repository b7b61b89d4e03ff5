using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Exports;

namespace LandMap.Api.Features.Supervision;

/// <summary>A supplied parcel on a date as the supervision lists read it (<see cref="SupervisionSql.Watch"/>).</summary>
public sealed record WatchRow(
    string Code, string ParkCode, string? Name, string? LandUser, string LandUse, double AreaM2, decimal? SupplyPriceWan,
    DateOnly? AgreedStartOn, DateOnly? ActualStartOn, DateOnly? AgreedCompletionOn, DateOnly? ActualCompletionOn,
    string? State, string? IdleRule, DateOnly? IdleOn, DateOnly? DeterminedOn, DateOnly? RecoverableOn,
    string? Cause, bool GovernmentCause, DateOnly? InvestigatedOn, decimal? LeviedWan, DateOnly? LeviedOn, decimal? PaidWan,
    DateOnly? DisposedOn);

/// <summary>One parcel on a list: the date the list is about (<c>On</c>) and the days since or until it.</summary>
public sealed record ListedParcel(
    string Code, string ParkCode, string? Name, string? LandUser, string LandUse, double AreaMu, string? State,
    DateOnly On, int Days, DateOnly? AgreedStartOn, DateOnly? IdleOn, DateOnly? DeterminedOn, string? Cause, decimal? AmountWan);

/// <summary>A list with its count and area.</summary>
public sealed record SupervisionList(string NameZh, string NameEn, int Parcels, double AreaMu, IReadOnlyList<ListedParcel> Items);

/// <summary>The lists of a date (candidates or warnings), by key, in a fixed order.</summary>
public sealed record SupervisionReport(DateOnly Date, string? Park, int? Within, IReadOnlyDictionary<string, SupervisionList> Lists)
{
    /// <summary>One sheet: a row per parcel and list, the list's name first; parks, land uses, states
    /// and causes by their names in the labels' language.</summary>
    public ExportTable ToTable(ExportLabels x, string sheetZh, string sheetEn) => new(x.Header(sheetZh, sheetEn),
        [x.Header("类别", "List"), x.Header("宗地编号", "Parcel code"), x.Header("园区", "Park"), x.Header("名称", "Name"),
         x.Header("国有建设用地使用权人", "Holder of the land-use right"), x.Header("用地类型", "Land use"), x.Header("面积（亩）", "Area (mu)"),
         x.Header("生命周期状态", "Lifecycle state"), x.Header("日期", "Date"), x.Header("天数", "Days"),
         x.Header("约定开工日期", "Agreed start"), x.Header("闲置起始日期", "Idle from"), x.Header("认定日期", "Determined on"),
         x.Header("闲置原因", "Cause"), x.Header("金额（万元）", "Amount (10⁴ CNY)")],
        [.. Lists.Values.SelectMany(l => l.Items.Select(i => (IReadOnlyList<object?>)
            [x.Header(l.NameZh, l.NameEn), i.Code, x.Park(i.ParkCode), i.Name, i.LandUser, x.LandUse(i.LandUse), i.AreaMu, x.State(i.State), i.On, i.Days,
             i.AgreedStartOn, i.IdleOn, i.DeterminedOn, x.Term(VocabularyTables.IdleCauses, i.Cause), i.AmountWan]))]);
}

/// <summary>
/// The supervision lists, worked out from <see cref="WatchRow"/>s (the rule's answers, not a rule
/// of their own): the candidates for each step of the idle-land procedure, and the contract
/// warnings (before and at the agreed start, before one and two years, overdue completion).
/// </summary>
public static class SupervisionLists
{
    /// <summary>Days after the levy within which the fee is paid (Article 16).</summary>
    public const int FeeDueDays = 30;

    /// <summary>Who is due for which step on <paramref name="d"/>.</summary>
    public static Dictionary<string, SupervisionList> Candidates(IReadOnlyList<WatchRow> rows, DateOnly d) => new()
    {
        ["recovery"] = List("未动工开发满两年（可无偿收回）", "Not started for two full years (recovery without compensation)", rows,
            r => r.State is "suspected_idle" or "idle" && r.IdleRule == "not_started" && r.RecoverableOn <= d && !r.GovernmentCause,
            r => (r.RecoverableOn!.Value, d.DayNumber - r.RecoverableOn.Value.DayNumber, null)),
        ["undetermined"] = List("疑似闲置待认定", "Suspected idle, not yet determined", rows,
            r => r.State == "suspected_idle", r => (r.IdleOn!.Value, d.DayNumber - r.IdleOn.Value.DayNumber, null)),
        ["feesToLevy"] = List("应征缴土地闲置费", "Idle-land fee to levy (20 % of the price)", rows,
            r => r.State == "idle" && !r.GovernmentCause && r.LeviedWan is null,
            r => (r.DeterminedOn!.Value, d.DayNumber - r.DeterminedOn.Value.DayNumber, Fee(r))),
        ["feesUnpaid"] = List("土地闲置费未缴", "Idle-land fee levied, not paid", rows,
            r => r.LeviedWan is not null && r.PaidWan is null,
            r => (r.LeviedOn!.Value.AddDays(FeeDueDays), d.DayNumber - r.LeviedOn.Value.AddDays(FeeDueDays).DayNumber, r.LeviedWan)),
        ["disposalsPending"] = List("待协商处置（第十二条）", "Article 12 disposal pending", rows,
            r => r.State == "idle" && r.GovernmentCause && r.DisposedOn is null,
            r => (r.DeterminedOn!.Value, d.DayNumber - r.DeterminedOn.Value.DayNumber, null)),
    };

    /// <summary>What comes due within <paramref name="within"/> days of <paramref name="d"/>, and what is overdue.</summary>
    public static Dictionary<string, SupervisionList> Warnings(IReadOnlyList<WatchRow> rows, DateOnly d, int within)
    {
        var end = d.AddDays(within);
        return new()
        {
            ["startDue"] = List("即将到约定动工日期", "Agreed start coming", rows,
                r => r.ActualStartOn is null && r.AgreedStartOn >= d && r.AgreedStartOn <= end,
                r => (r.AgreedStartOn!.Value, r.AgreedStartOn.Value.DayNumber - d.DayNumber, null)),
            // 违约: the contract is breached from the day after the agreed start, before the land is idle.
            ["startBreached"] = List("超过约定动工日期未动工（违约）", "Agreed start passed, not started (breach)", rows,
                r => r.ActualStartOn is null && r.AgreedStartOn < d && !(r.IdleOn <= d) && r.State is "supplied_unused",
                r => (r.AgreedStartOn!.Value.AddDays(1), d.DayNumber - r.AgreedStartOn.Value.DayNumber, null)),
            ["idleDue"] = List("即将满一年（将构成闲置）", "Becoming idle (a full year)", rows,
                r => r.IdleOn > d && r.IdleOn <= end, r => (r.IdleOn!.Value, r.IdleOn.Value.DayNumber - d.DayNumber, null)),
            ["recoveryDue"] = List("即将满两年未动工", "Two full years without a start coming", rows,
                r => r.IdleRule == "not_started" && !r.GovernmentCause && r.RecoverableOn > d && r.RecoverableOn <= end,
                r => (r.RecoverableOn!.Value, r.RecoverableOn.Value.DayNumber - d.DayNumber, null)),
            ["completionOverdue"] = List("逾期竣工", "Completion overdue", rows,
                r => r.AgreedCompletionOn < d && !(r.ActualCompletionOn <= d),
                r => (r.AgreedCompletionOn!.Value.AddDays(1), d.DayNumber - r.AgreedCompletionOn.Value.DayNumber, null)),
        };
    }

    /// <summary>20 % of the supply price, when the price is recorded.</summary>
    private static decimal? Fee(WatchRow r) => r.SupplyPriceWan is { } p ? decimal.Round(p * ProcedureRules.FeeShare, 2) : null;

    private static SupervisionList List(string zh, string en, IReadOnlyList<WatchRow> rows, Func<WatchRow, bool> on,
        Func<WatchRow, (DateOnly On, int Days, decimal? Amount)> detail)
    {
        var items = rows.Where(on).Select(r =>
        {
            var (date, days, amount) = detail(r);
            return new ListedParcel(r.Code, r.ParkCode, r.Name, r.LandUser, r.LandUse, Math.Round(r.AreaM2 / LandArea.SquareMetresPerMu, 2),
                r.State, date, days, r.AgreedStartOn, r.IdleOn, r.DeterminedOn, r.Cause, amount);
        }).OrderBy(i => i.On).ThenBy(i => i.Code, StringComparer.Ordinal).ToList();
        return new(zh, en, items.Count, Math.Round(rows.Where(on).Sum(r => r.AreaM2) / LandArea.SquareMetresPerMu, 2), items);
    }
}
