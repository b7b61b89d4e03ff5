using LandMap.Api.Exports;
using Microsoft.AspNetCore.Http;

namespace LandMap.Tests.Exports;

/// <summary>An export without <c>lang</c> takes its language from Accept-Language as RFC 9110
/// section 12.5.4 reads it (quality values, q=0 as "not acceptable", <c>*</c>), parsed by ASP.NET
/// Core's own header parser; <c>lang</c> still wins, and Chinese stays the default.</summary>
public sealed class AcceptLanguageTests
{
    private static ExportLanguage Choose(string? acceptLanguage, string? lang = null)
    {
        var http = new DefaultHttpContext();
        if (acceptLanguage is not null) http.Request.Headers.AcceptLanguage = acceptLanguage;
        return ExportLanguages.Choose(lang, http.Request);
    }

    [Theory]
    [InlineData(null, ExportLanguage.Zh)]                               // no header: today's default
    [InlineData("", ExportLanguage.Zh)]
    [InlineData("en", ExportLanguage.En)]
    [InlineData("en-US,en;q=0.9", ExportLanguage.En)]                   // a US Chrome
    [InlineData("en-GB", ExportLanguage.En)]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", ExportLanguage.Zh)]          // a Chinese Chrome
    [InlineData("zh-Hans", ExportLanguage.Zh)]
    [InlineData("zh-Hans-CN;q=0.7, en;q=0.6", ExportLanguage.Zh)]
    [InlineData("de-DE, en;q=0.5, zh;q=0.4", ExportLanguage.En)]        // the best acceptable one we have
    [InlineData("zh;q=0.3, en-US;q=0.8", ExportLanguage.En)]            // quality decides, not order
    [InlineData("en, zh", ExportLanguage.En)]                           // a tie: the first listed
    [InlineData("zh, en", ExportLanguage.Zh)]
    [InlineData("zh;q=0, en", ExportLanguage.En)]
    [InlineData("zh;q=0", ExportLanguage.En)]                           // Chinese refused, English not
    [InlineData("en;q=0", ExportLanguage.Zh)]                           // nothing named acceptable: the default
    [InlineData("*, zh;q=0", ExportLanguage.En)]                        // "*" is any language not named
    [InlineData("*, en;q=0", ExportLanguage.Zh)]
    [InlineData("fr, *;q=0.1", ExportLanguage.Zh)]                      // "*" takes both alike: the default
    [InlineData("fr, de", ExportLanguage.Zh)]                           // nothing we have: the default
    [InlineData("EN-us", ExportLanguage.En)]                            // tags are case-insensitive
    [InlineData("en;q=oops, ???", ExportLanguage.Zh)]                   // unreadable: ignored
    public void Accept_language_picks_the_export_language(string? header, ExportLanguage expected) =>
        Assert.Equal(expected, Choose(header));

    [Fact]
    public void Lang_wins_over_the_header_and_a_bad_lang_is_still_refused()
    {
        Assert.Equal(ExportLanguage.Zh, Choose("en-US,en", lang: "zh"));
        Assert.Equal(ExportLanguage.En, Choose("zh-CN", lang: "en"));
        var refused = Assert.Throws<LandMap.Api.Problems.InvalidParameterException>(() => Choose("en", lang: "fr"));
        Assert.Equal("lang", refused.Parameter);
    }
}
