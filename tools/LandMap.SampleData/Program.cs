using LandMap.SampleData;

// LandMap sample data tool.
//   sample --out gis-data                       the six illustrative GeoJSON files (deterministic)
//   check --dir gis-data                        re-reads the GeoJSON and checks validity / overlaps
static string Option(string[] args, string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var command = args.Length > 0 ? args[0] : "";
switch (command)
{
    case "sample":
        var outDir = Option(args, "--out", "gis-data");
        Sample.Write(outDir);
        return SelfCheck.Run(outDir);
    case "check":
        return SelfCheck.Run(Option(args, "--dir", "gis-data"));
    default:
        Console.Error.WriteLine("usage: sample --out DIR | check --dir DIR");
        return 2;
}
