namespace LandMap.SampleData;

/// <summary>
/// Gives every parcel not taken by a project or an indicator set a role and a land use from
/// its park's profile: new industrial parks (滨海, 丁山) are mostly supplied industrial land at
/// every stage, the core (金海) mixes services and housing, the old street parks (天河, 海城,
/// 星海, 沙城) hold ageing, extensively used industry, and 瓯飞 is tidal flat and reclamation.
/// </summary>
public static class Assignment
{
    private static readonly (Role Role, int Weight)[] NewPark =
    [
        (Role.InUseBuilt, 34), (Role.InUseBuilding, 14), (Role.UnderUsed, 12), (Role.Idle, 8),
        (Role.SuppliedUnused, 10), (Role.ApprovedUnsupplied, 16), (Role.LowEfficiency, 4), (Role.Revitalised, 2),
    ];
    private static readonly (Role Role, int Weight)[] OldPark =
    [
        (Role.InUseBuilt, 38), (Role.UnderUsed, 20), (Role.LowEfficiency, 28), (Role.Idle, 5),
        (Role.InUseBuilding, 4), (Role.Revitalised, 5),
    ];
    private static readonly (Role Role, int Weight)[] Flats = [(Role.TidalFlat, 55), (Role.Reclaimed, 45)];

    private static readonly (string Code, int Weight)[] IndustrialUses =
        [("0601", 82), ("0508", 8), ("0505", 3), ("0701", 2), ("0803", 1), ("0805", 1), ("0810", 2), ("1004", 1)];
    private static readonly (string Code, int Weight)[] CoreUses =
        [("0505", 24), ("0701", 22), ("0508", 14), ("0601", 20), ("0803", 5), ("0805", 4), ("0810", 8), ("1004", 3)];
    private static readonly (string Code, int Weight)[] OldUses =
        [("0601", 84), ("0701", 6), ("0505", 4), ("0803", 2), ("0805", 1), ("0508", 3)];

    public static void Fill(List<Parcel> parcels)
    {
        var rng = new Random(4494);
        foreach (var p in parcels)
        {
            // Draw both numbers for every parcel so earlier choices do not shift later ones.
            var roleDraw = rng.NextDouble();
            var useDraw = rng.NextDouble();
            var old = p.ParkCode is "P-TH" or "P-HC" or "P-XH" or "P-SC";
            if (p.Role == Role.None)
                p.Role = Pick(p.Coastal ? Flats : old ? OldPark : NewPark, roleDraw);
            if (p.LandUse.Length == 0)
                p.LandUse = p.Role switch
                {
                    Role.TidalFlat or Role.Reported2014 => "1105",
                    Role.Reclaimed => "1201",
                    Role.LowEfficiency or Role.Redevelop2014 or Role.Sold2014Industrial => "0601",
                    Role.Revitalised or Role.Revitalised2014 => useDraw < 0.8 ? "0601" : "0508",
                    // Some unsupplied land is still recorded as vacant (空闲地).
                    Role.ApprovedUnsupplied when useDraw < 0.15 => "1201",
                    _ => Pick(p.ParkCode == "P-JH" ? CoreUses : old ? OldUses : IndustrialUses, useDraw),
                };
        }
    }

    private static T Pick<T>((T Item, int Weight)[] table, double draw)
    {
        var total = table.Sum(t => t.Weight);
        var x = draw * total;
        foreach (var (item, weight) in table)
        {
            if (x < weight)
                return item;
            x -= weight;
        }
        return table[^1].Item;
    }
}
