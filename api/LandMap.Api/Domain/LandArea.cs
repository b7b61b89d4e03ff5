namespace LandMap.Api.Domain;

/// <summary>The zone's unit of land area: 亩 (mu), as its reports count land.</summary>
public static class LandArea
{
    /// <summary>1 亩 = 10000/15 m2 (docs/domain-facts.md).</summary>
    public const double SquareMetresPerMu = 10000.0 / 15.0;

    /// <summary>Square metres to mu, rounded to 2 decimals as the reports show them.</summary>
    public static double Mu(double m2) => Math.Round(m2 / SquareMetresPerMu, 2);
}
