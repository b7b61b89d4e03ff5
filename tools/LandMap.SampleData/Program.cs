using LandMap.SampleData;

// LandMap sample data tool.
//   sample --out gis-data                       the six illustrative GeoJSON files (deterministic)
//   synthetic --count 1000000 --out FILE.sql    psql script that generates a large synthetic parcel set
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
    case "synthetic":
        var count = int.Parse(Option(args, "--count", "1000000"), System.Globalization.CultureInfo.InvariantCulture);
        var file = Option(args, "--out", "synthetic-parcels.sql");
        File.WriteAllText(file, Synthetic.Script(count));
        Console.WriteLine($"wrote {file}; run: psql -h HOST -U USER -d DB -f {file}");
        return 0;
    case "check":
        return SelfCheck.Run(Option(args, "--dir", "gis-data"));
    default:
        Console.Error.WriteLine("usage: sample --out DIR | synthetic --count N --out FILE.sql | check --dir DIR");
        return 2;
}
