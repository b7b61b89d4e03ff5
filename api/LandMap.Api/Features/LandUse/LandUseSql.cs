namespace LandMap.Api.Features.LandUse;

/// <summary>SQL of the land-use code list.</summary>
internal static class LandUseSql
{
    /// <summary>$1 standard or null: every class, each with its codes (2017 first, then 2007).</summary>
    public const string CodesByClass = """
        select lc.class_code, lc.name_zh, lc.name_en, c.code, c.standard, c.name_zh, c.name_en
        from land_use_classes as lc
        left join land_use_codes as c on c.class_code = lc.class_code and ($1::text is null or c.standard = $1)
        order by lc.class_code, c.standard desc, c.code
        """;
}
