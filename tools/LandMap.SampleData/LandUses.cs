namespace LandMap.SampleData;

/// <summary>
/// A parcel's three land uses with their editions (issue 15 §4): current use (现状) as surveyed, in
/// GB/T 21010-2017 (0508 物流仓储用地 is the 三调 working code, TD/T 1055-2019); approved use (批准),
/// what the supply contract granted, in GB/T 21010-2007, the edition in force when every sample
/// contract was signed (before 2017-11-01); planned use (规划), the regulatory plan's use in the 2023
/// land and sea use guide, whose codes mean other things (1001 = 工业用地 there).
/// </summary>
public static class LandUses
{
    public const string Gbt2017 = "GB/T 21010-2017", Gbt2007 = "GB/T 21010-2007", SanDiao = "TD/T 1055-2019", Guide = "用地用海分类指南-2023";

    /// <summary>The edition of a current-use code the generator assigns.</summary>
    public static string EditionOf(string code) => code == "0508" ? SanDiao : code.Length == 3 ? Gbt2007 : Gbt2017;

    /// <summary>The same use in GB/T 21010-2007 (the contract's words), or null where the sample has no such use.</summary>
    private static readonly Dictionary<string, string> In2007 = new()
    {
        ["0601"] = "061", ["0508"] = "063", ["0604"] = "063", ["0505"] = "053", ["0701"] = "071",
        ["0803"] = "083", ["0805"] = "084", ["0810"] = "087", ["1004"] = "103",
    };

    /// <summary>The same use in the 2023 guide (the plan's words).</summary>
    private static readonly Dictionary<string, string> InGuide = new()
    {
        ["0601"] = "1001", ["0508"] = "1101", ["0604"] = "1101", ["0505"] = "0902", ["0701"] = "0701",
        ["0803"] = "0804", ["0805"] = "0806", ["0810"] = "1401", ["1004"] = "1207",
        // The flats reported for approval are planned as the industrial land they are reclaimed for.
        ["1105"] = "1001",
    };

    /// <summary>批准: the contract's use, for supplied parcels only.</summary>
    public static string? Approved(Parcel p) => p.SuppliedOn is null ? null : In2007.GetValueOrDefault(p.LandUse);

    /// <summary>规划: the plan's use, for every parcel the plan covers (all but the few the sample has no use for).</summary>
    public static string? Planned(Parcel p) => InGuide.GetValueOrDefault(p.LandUse);
}
