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
    public void Defaults_are_a_year_a_third_a_quarter_and_a_year()
    {
        var rules = Bind([]);
        Assert.Equal(1, rules.NotStartedYears);
        Assert.Equal(new Fraction(1, 3), rules.BuiltArea);
        Assert.Equal(new Fraction(1, 4), rules.Investment);
        Assert.Equal(1, rules.HaltedYears);
    }

    [Fact]
    public void Settings_override_them_and_nonsense_is_refused()
    {
        var rules = Bind(new() { ["LandMap:Idle:NotStartedYears"] = "2", ["LandMap:Idle:InvestmentShare"] = "1/5" });
        Assert.Equal(2, rules.NotStartedYears);
        Assert.Equal(new Fraction(1, 5), rules.Investment);
        foreach (var (key, value) in new[] { ("HaltedYears", "0"), ("BuiltAreaShare", "3/2"), ("BuiltAreaShare", "0.3333"),
                                             ("InvestmentShare", "0/4"), ("InvestmentShare", "1/0"), ("BuiltAreaShare", "-1/3") })
            Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Bind(new() { [$"LandMap:Idle:{key}"] = value }));
    }
}
