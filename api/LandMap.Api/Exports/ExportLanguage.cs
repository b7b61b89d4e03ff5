using System.Globalization;
using LandMap.Api.Problems;

namespace LandMap.Api.Exports;

/// <summary>The language of an export's headers and values: Chinese (the default, what a zone office
/// files) or English.</summary>
public enum ExportLanguage { Zh, En }

/// <summary>The <c>lang</c> parameter of every CSV/xlsx export, and how exports write rates.</summary>
public static class ExportLanguages
{
    /// <summary>The query parameter's name.</summary>
    public const string Parameter = "lang";

    /// <summary>What the API definition says of it.</summary>
    public const string Description =
        "Language of a CSV/xlsx export's headers and values (states, events, supply modes, park and land-use names): zh (default) or en. JSON answers are not affected.";

    /// <summary>The values it takes.</summary>
    public static readonly string[] Values = ["zh", "en"];

    /// <summary>zh when absent; anything but zh or en is a 400 naming <c>lang</c>.</summary>
    public static ExportLanguage Parse(string? lang) => lang?.ToLowerInvariant() switch
    {
        null or "zh" => ExportLanguage.Zh,
        "en" => ExportLanguage.En,
        _ => throw new InvalidParameterException(Parameter, $"lang must be zh or en; got '{(lang.Length <= 16 ? lang : lang[..16] + "...")}'"),
    };

    /// <summary><paramref name="zh"/> or <paramref name="en"/>, as the export's language asks.</summary>
    public static string Pick(this ExportLanguage lang, string zh, string en) => lang == ExportLanguage.En ? en : zh;

    /// <summary>A rate (a fraction) as an export writes it: a percentage with one decimal, "85.3%"; null stays empty.</summary>
    public static string? Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : null;
}
