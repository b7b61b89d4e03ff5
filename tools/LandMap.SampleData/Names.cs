namespace LandMap.SampleData;

/// <summary>
/// Fictitious land users. Real users of real parcels are not public and naming a real company
/// on an "idle" parcel would be unfair, so ordinary parcels get made-up names; only the report's
/// named projects carry real project names.
/// </summary>
public static class Names
{
    private static readonly string[] Brands =
    [
        "瑞丰", "宏泰", "华益", "东鼎", "金帆", "海昇", "立信", "恒岳", "富垟", "明仁", "嘉和", "联胜",
        "泓创", "乐达", "博艺", "鸿途", "盛弘", "中恒", "浩川", "天晟", "锦程", "凯瑞", "隆鑫", "宇盛",
        "瓯越", "新澜", "正禾", "百汇", "昌骏", "华弘", "协力", "通衢", "长屿", "星烁", "奥凯", "信达",
    ];

    private static readonly string[] IndustrialTrades =
        ["阀门", "电器", "汽摩配件", "鞋业", "服饰", "合成革", "标准件", "水暖洁具", "机械", "电子", "包装", "塑业", "泵业", "眼镜"];

    public static string LandUser(string landUse, Random r)
    {
        var brand = Brands[r.Next(Brands.Length)];
        return landUse switch
        {
            "0601" or "0604" => $"温州{brand}{IndustrialTrades[r.Next(IndustrialTrades.Length)]}有限公司",
            "0508" => $"温州{brand}{(r.NextDouble() < 0.5 ? "物流" : "供应链管理")}有限公司",
            "0505" => $"温州{brand}置业有限公司",
            "0701" => $"温州{brand}房地产开发有限公司",
            "0803" => "温州经济技术开发区社会事业局",
            "0804" => "温州经济技术开发区科技局",
            "0805" => "温州经济技术开发区卫生局",
            "0808" or "0807" => "温州经济技术开发区文体中心",
            // Infrastructure and public green space are built by the zone's investment platform (named in the report).
            _ => "温州滨海新城投资集团有限公司",
        };
    }

    public static string ParcelName(string landUser) =>
        landUser.Replace("温州", "", StringComparison.Ordinal).Replace("有限公司", "", StringComparison.Ordinal) + "地块";

    /// <summary>Agreed investment per mu (万元/亩), around the zone's 2014 entry thresholds.</summary>
    public static double InvestmentPerMu(string landUse) => landUse switch
    {
        "0601" or "0604" => 320,
        "0508" => 220,
        "0505" => 800,
        "0701" => 1000,
        "0810" => 25,
        "1004" or "1105" or "1201" => 0,
        _ => 200,
    };
}
