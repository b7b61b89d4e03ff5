using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace LandMap.Api.Domain;

/// <summary>
/// The idle-land thresholds (闲置土地, 《闲置土地处置办法》 Article 2), settings under
/// <c>LandMap:Idle</c>. Defaults are the regulation's, as docs/domain-facts.md states them: not
/// started a full year (满一年) after the agreed start; or started with the developed area under a
/// third of the area to develop (or investment under a quarter of the agreed) and halted a full year.
/// Years are calendar years counted as 民法典 Articles 201-202 do (the start day not counted; idle
/// from the day after the corresponding day), and shares are exact fractions compared as products
/// of stored amounts (developed x 3 &lt; total), so no rounding decides a boundary.
/// </summary>
public sealed class IdleRules
{
    public const string Section = "LandMap:Idle";

    /// <summary>Calendar years after the agreed start without a start; the parcel is idle from the day after.</summary>
    [Range(1, 10)] public int NotStartedYears { get; set; } = 1;

    /// <summary>Share of the area to develop, as "n/d", under which a halted project counts.</summary>
    [Share] public string BuiltAreaShare { get; set; } = "1/3";

    /// <summary>Share of the agreed investment, as "n/d", under which a halted project counts.</summary>
    [Share] public string InvestmentShare { get; set; } = "1/4";

    /// <summary>Calendar years halted after which such a project is idle (from the day after).</summary>
    [Range(1, 10)] public int HaltedYears { get; set; } = 1;

    /// <summary>Calendar years from the same start after which the land may be recovered without
    /// compensation (无偿收回, Article 14(2): 满两年), from the day after.</summary>
    [Range(1, 10)] public int RecoveryYears { get; set; } = 2;

    /// <summary><see cref="BuiltAreaShare"/> as numerator and denominator.</summary>
    public Fraction BuiltArea => Fraction.Parse(BuiltAreaShare);

    /// <summary><see cref="InvestmentShare"/> as numerator and denominator.</summary>
    public Fraction Investment => Fraction.Parse(InvestmentShare);
}

/// <summary>A share n/d of a whole (0 &lt; n &lt;= d), kept as integers so comparisons stay exact.</summary>
public readonly record struct Fraction(int Numerator, int Denominator)
{
    /// <summary>"1/3" -> (1, 3); throws <see cref="FormatException"/> for anything else.</summary>
    public static Fraction Parse(string text) =>
        TryParse(text, out var f) ? f : throw new FormatException($"'{text}' is not a share n/d with 0 < n <= d <= 1000");

    /// <summary>True for "n/d" with 0 &lt; n &lt;= d &lt;= 1000 (whitespace around the numbers allowed).</summary>
    public static bool TryParse(string? text, out Fraction fraction)
    {
        fraction = default;
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || n <= 0 || n > d || d > 1000)
            return false;
        fraction = new(n, d);
        return true;
    }

    public override string ToString() => $"{Numerator}/{Denominator}";
}

/// <summary>Validates a setting written as a share "n/d" (<see cref="Fraction"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ShareAttribute() : ValidationAttribute("{0} must be a share n/d with 0 < n <= d <= 1000, e.g. 1/3")
{
    public override bool IsValid(object? value) => Fraction.TryParse(value as string, out _);
}
