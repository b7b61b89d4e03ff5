using System.ComponentModel.DataAnnotations;

namespace LandMap.Api.Domain;

/// <summary>
/// The idle-land thresholds (闲置土地), settings under <c>LandMap:Idle</c>. Defaults follow the
/// regulation as docs/domain-facts.md states it: not started more than 365 days after the agreed start; or
/// started with built area under 1/3 (or investment under 25 % of the agreed) and halted 365
/// days or more.
/// </summary>
public sealed class IdleRules
{
    public const string Section = "LandMap:Idle";

    /// <summary>Days after the agreed start without a start; one more day and the parcel is idle.</summary>
    [Range(1, 3650)] public int NotStartedDays { get; set; } = 365;

    /// <summary>Built-area share under which a halted project counts (compared at the column's 4 decimals).</summary>
    [Range(typeof(decimal), "0.0001", "1")] public decimal BuiltAreaRatio { get; set; } = 1m / 3m;

    /// <summary>Share of the agreed investment under which a halted project counts.</summary>
    [Range(typeof(decimal), "0.0001", "1")] public decimal InvestmentRatio { get; set; } = 0.25m;

    /// <summary>Days halted after which a halted project is idle (on that day itself).</summary>
    [Range(1, 3650)] public int HaltedDays { get; set; } = 365;
}
