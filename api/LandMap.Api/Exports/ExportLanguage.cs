using System.Globalization;
using LandMap.Api.Problems;
using Microsoft.Net.Http.Headers;

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
        "Language of a CSV/xlsx export's headers and values (states, events, supply modes, park and land-use names): zh or en; without it the Accept-Language header chooses (RFC 9110 quality values), else zh. JSON answers are not affected.";

    /// <summary>The values it takes.</summary>
    public static readonly string[] Values = ["zh", "en"];

    /// <summary>zh when absent; anything but zh or en is a 400 naming <c>lang</c>.</summary>
    public static ExportLanguage Parse(string? lang) => lang?.ToLowerInvariant() switch
    {
        null or "zh" => ExportLanguage.Zh,
        "en" => ExportLanguage.En,
        _ => throw new InvalidParameterException(Parameter, $"lang must be zh or en; got '{(lang.Length <= 16 ? lang : lang[..16] + "...")}'"),
    };

    /// <summary>
    /// The export's language: <paramref name="lang"/> when given (checked as <see cref="Parse"/> does),
    /// else the one <paramref name="request"/>'s Accept-Language prefers (<see cref="FromAcceptLanguage"/>),
    /// else Chinese.
    /// </summary>
    public static ExportLanguage Choose(string? lang, HttpRequest request) =>
        lang is not null ? Parse(lang) : FromAcceptLanguage(request.GetTypedHeaders().AcceptLanguage) ?? ExportLanguage.Zh;

    /// <summary>
    /// The language an Accept-Language list prefers (RFC 9110 section 12.5.4): each of zh and en takes
    /// the highest quality of the ranges naming it by their primary subtag (zh, zh-CN, zh-Hans, zh-TW:
    /// the lookup of RFC 4647 section 3.4 falls back to zh; en-GB to en), else the quality of <c>*</c>;
    /// q=0 means "not acceptable". The best above 0 wins, a tie the one listed first. Null when the
    /// list names neither and no <c>*</c> accepts one; then English only if it names zh as unacceptable
    /// and leaves English open (the caller's default is Chinese).
    /// </summary>
    public static ExportLanguage? FromAcceptLanguage(IList<StringWithQualityHeaderValue> ranges)
    {
        double? zh = null, en = null, any = null;
        int zhAt = int.MaxValue, enAt = int.MaxValue;
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i].Value.Value ?? "";
            var q = ranges[i].Quality ?? 1;
            var primary = range.Split('-')[0];
            if (range == "*") any = Math.Max(any ?? 0, q);
            else if (primary.Equals("zh", StringComparison.OrdinalIgnoreCase)) { zh = Math.Max(zh ?? 0, q); zhAt = Math.Min(zhAt, i); }
            else if (primary.Equals("en", StringComparison.OrdinalIgnoreCase)) { en = Math.Max(en ?? 0, q); enAt = Math.Min(enAt, i); }
        }
        var zhQ = zh ?? any ?? 0;
        var enQ = en ?? any ?? 0;
        if (zhQ <= 0 && enQ <= 0)
            // Nothing acceptable: the default, unless the client refused Chinese outright and not English.
            return zh == 0 && en != 0 && any != 0 ? ExportLanguage.En : null;
        if (zhQ != enQ) return zhQ > enQ ? ExportLanguage.Zh : ExportLanguage.En;
        return enAt < zhAt ? ExportLanguage.En : ExportLanguage.Zh;
    }

    /// <summary>The Content-Language of an export in <paramref name="lang"/>.</summary>
    public static string Tag(this ExportLanguage lang) => lang == ExportLanguage.En ? "en" : "zh";

    /// <summary><paramref name="zh"/> or <paramref name="en"/>, as the export's language asks.</summary>
    public static string Pick(this ExportLanguage lang, string zh, string en) => lang == ExportLanguage.En ? en : zh;

    /// <summary>A rate (a fraction) as an export writes it: a percentage with one decimal, "85.3%"; null stays empty.</summary>
    public static string? Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : null;
}
