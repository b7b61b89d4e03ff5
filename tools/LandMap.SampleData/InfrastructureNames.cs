namespace LandMap.SampleData;

/// <summary>
/// English names of the sample's roads and rivers, so an English-speaking planner can search
/// "Binhai 3rd Road" (issue 17). Built by rule from the Chinese name, the way the zone's road
/// signs read: the place in pinyin, the number as an ordinal, the kind of road or water in
/// English (大道 Avenue, 路 Road, 道 Street, 街 Street, 河 River, 浦 Creek).
/// </summary>
public static class InfrastructureNames
{
    // Longest first: 大道 before 道, 塘河 before 河, 排涝河 before 河.
    private static readonly (string Zh, string En)[] Kinds =
    [
        ("排涝河", "Drainage River"), ("塘河", "Canal"), ("中心街", "Central Street"), ("南街", "South Street"),
        ("大道", "Avenue"), ("东路", "East Road"), ("路", "Road"), ("道", "Street"), ("街", "Street"),
        ("河", "River"), ("浦", "Creek"),
    ];

    private static readonly (string Zh, string En)[] Places =
    [
        ("星海新川", "Xinghai Xinchuan"), ("机场", "Airport"), ("滨海", "Binhai"), ("环山", "Huanshan"), ("金海", "Jinhai"),
        ("罗东", "Luodong"), ("三甲", "Sanjia"), ("沙城", "Shacheng"), ("海川", "Haichuan"), ("丁山", "Dingshan"),
        ("瓯飞", "Oufei"), ("天河", "Tianhe"), ("海城", "Haicheng"), ("纬", "Wei"), ("经", "Jing"),
    ];

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>The English name of a sample road or river, e.g. 滨海三路 -> Binhai 3rd Road, 纬四浦 -> Wei 4 Creek.</summary>
    public static string English(string chinese)
    {
        var (kindZh, kindEn) = Kinds.First(k => chinese.EndsWith(k.Zh, StringComparison.Ordinal));
        var rest = chinese[..^kindZh.Length];
        var (placeZh, placeEn) = Places.First(p => rest.StartsWith(p.Zh, StringComparison.Ordinal));
        var number = Number(rest[placeZh.Length..]);
        if (number is null) return $"{placeEn} {kindEn}";
        // 纬四浦: the 4th weft creek is named by its number, not its rank.
        return placeZh is "纬" or "经" ? $"{placeEn} {number} {kindEn}" : $"{placeEn} {Ordinal(number.Value)} {kindEn}";
    }

    /// <summary>一 .. 十六 as a number; null for no numeral.</summary>
    private static int? Number(string numeral)
    {
        if (numeral.Length == 0) return null;
        if (numeral.StartsWith('十')) return 10 + (numeral.Length > 1 ? Array.IndexOf(Numerals, numeral[1..]) + 1 : 0);
        var i = Array.IndexOf(Numerals, numeral);
        if (i < 0) throw new ArgumentException($"not a numeral: {numeral}", nameof(numeral));
        return i + 1;
    }

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}
