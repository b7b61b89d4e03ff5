using LandMap.Api.Features.Planning;

namespace LandMap.Tests.Planning;

/// <summary>The totals by rule: each parcel once per rule, areas summed unrounded and rounded once.</summary>
public sealed class ComplianceTotalsTests
{
    private static readonly ComplianceRule[] Rules =
    [
        new("plot_ratio_over", "容积率超上限", "Plot ratio over the maximum", "#C0392B"),
        new("red_line", "侵占道路红线", "Encroaches a road red line", "#E0201B"),
        new("green_line", "侵占绿线", "Encroaches a green line", "#2E9E3E"),
    ];

    private static ComplianceFailure F(string rule, string reference) => new(rule, "", "", reference, null, null, null, null, null);

    /// <summary>A parcel of <paramref name="m2"/> failing the given rules.</summary>
    private static NoncompliantParcel P(string code, double m2, params ComplianceFailure[] failures) =>
        new(code, null, "P-X", "0601", "GB/T 21010-2017", Math.Round(m2, 2), Math.Round(m2 / (10000.0 / 15), 2),
            string.Join(',', failures.Select(f => f.Rule).Distinct()), failures) { ExactM2 = m2 };

    [Fact]
    public void A_parcel_failing_a_rule_against_two_zones_counts_once_and_areas_round_once()
    {
        // Three parcels of 0.004 mu too little to show alone (2.6666 m² each, 0.004 mu): rounded one by
        // one they would sum to 0.00 mu per parcel; summed first, 0.01 mu.
        const double m2 = 2.6666;
        var report = new ComplianceReport(new DateOnly(2026, 1, 1), null, null, 3, 0.01,
        [
            P("A", m2, F("plot_ratio_over", "Z1"), F("plot_ratio_over", "Z2")),
            P("B", m2, F("plot_ratio_over", "Z1"), F("red_line", "RL-1")),
            P("C", m2, F("red_line", "RL-2"), F("red_line", "RL-3")),
        ]);
        var totals = report.Totals(Rules, new Dictionary<string, int> { ["plot_ratio_over"] = 4 });
        var byRule = totals.Rules.ToDictionary(r => r.Rule);
        Assert.Equal(["plot_ratio_over", "red_line", "green_line"], totals.Rules.Select(r => r.Rule));
        Assert.Equal((2, 0.01, 4), (byRule["plot_ratio_over"].Parcels, byRule["plot_ratio_over"].AreaMu, byRule["plot_ratio_over"].NotChecked));
        Assert.Equal((2, 0.01, 0), (byRule["red_line"].Parcels, byRule["red_line"].AreaMu, byRule["red_line"].NotChecked));
        Assert.Equal((0, 0.0), (byRule["green_line"].Parcels, byRule["green_line"].AreaMu));
    }
}
