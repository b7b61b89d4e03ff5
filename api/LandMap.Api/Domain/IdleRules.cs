namespace LandMap.Api.Domain;

/// <summary>
/// The idle-land thresholds (闲置土地), settings under <c>LandMap:Idle</c>. Defaults follow the
/// regulation as DOMAIN.md states it: not started more than 365 days after the agreed start; or
/// started with built area under 1/3 (or investment under 25 % of the agreed) and halted 365
/// days or more.
/// </summary>
public sealed class IdleRules
{
    public const string Section = "LandMap:Idle";

    /// <summary>Days after the agreed start without a start; one more day and the parcel is idle.</summary>
    public int NotStartedDays { get; set; } = 365;

    /// <summary>Built-area share under which a halted project counts (compared at the column's 4 decimals).</summary>
    public decimal BuiltAreaRatio { get; set; } = 1m / 3m;

    /// <summary>Share of the agreed investment under which a halted project counts.</summary>
    public decimal InvestmentRatio { get; set; } = 0.25m;

    /// <summary>Days halted after which a halted project is idle (on that day itself).</summary>
    public int HaltedDays { get; set; } = 365;

    private void Validate()
    {
        if (NotStartedDays is < 1 or > 3650 || HaltedDays is < 1 or > 3650)
            throw new InvalidOperationException($"{Section}: NotStartedDays and HaltedDays must be 1..3650 days");
        if (BuiltAreaRatio is <= 0 or > 1 || InvestmentRatio is <= 0 or > 1)
            throw new InvalidOperationException($"{Section}: BuiltAreaRatio and InvestmentRatio must be in (0, 1]");
    }

    /// <summary>Registers the rules, read when services are built (so a test host's settings count).</summary>
    public static IServiceCollection AddIdleRules(IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var rules = sp.GetRequiredService<IConfiguration>().GetSection(Section).Get<IdleRules>() ?? new();
            rules.Validate();
            return rules;
        });
}
