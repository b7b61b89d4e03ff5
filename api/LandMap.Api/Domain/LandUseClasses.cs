namespace LandMap.Api.Domain;

/// <summary>First-level classes of GB/T 21010 the zone's reports name (the same codes in the 2007 and
/// 2017 editions; the classes themselves, with names and colours, are the land_use_classes table).</summary>
public static class LandUseClasses
{
    /// <summary>06 工矿仓储用地 (industrial, mining and storage land): the reports' industrial land.</summary>
    public const string Industrial = "06";
}
