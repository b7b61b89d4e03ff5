using LandMap.Api.Configuration;
using LandMap.Api.Domain;
using LandMap.Api.Features.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LandMap.Tests.Analytics;

/// <summary>The idle thresholds are settings under LandMap:Idle, with the regulation's defaults.</summary>
public sealed class IdleRulesTests
{
    private static IdleRules Bind(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config);
        services.AddSettings<IdleRules>(IdleRules.Section);
        return services.BuildServiceProvider().GetRequiredService<IdleRules>();
    }

    [Fact]
    public void Defaults_are_365_days_a_third_a_quarter_and_365_days()
    {
        var rules = Bind([]);
        Assert.Equal(365, rules.NotStartedDays);
        Assert.Equal(1m / 3m, rules.BuiltAreaRatio);
        Assert.Equal(0.25m, rules.InvestmentRatio);
        Assert.Equal(365, rules.HaltedDays);
    }

    [Fact]
    public void Settings_override_them_and_nonsense_is_refused()
    {
        var rules = Bind(new() { ["LandMap:Idle:NotStartedDays"] = "730", ["LandMap:Idle:InvestmentRatio"] = "0.2" });
        Assert.Equal(730, rules.NotStartedDays);
        Assert.Equal(0.2m, rules.InvestmentRatio);
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Bind(new() { ["LandMap:Idle:HaltedDays"] = "0" }));
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Bind(new() { ["LandMap:Idle:BuiltAreaRatio"] = "1.5" }));
    }
}
