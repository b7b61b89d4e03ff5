using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.Converters;

namespace LandMap.SampleData;

/// <summary>
/// Reads the written files back through an independent GeoJSON reader and checks what the
/// loader and the schema will insist on: valid geometries, counter-clockwise shells, parcels
/// inside their park, no two parcels or a parcel and a reservoir overlapping.
/// </summary>
public static class SelfCheck
{
    public static int Run(string dir)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        FeatureCollection Read(string name) =>
            JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(Path.Combine(dir, name)), options)!;

        var errors = new List<string>();
        var files = new[] { "parks", "parcels", "projects", "roads", "rivers", "reservoirs" }.ToDictionary(n => n, n => Read(n + ".geojson"));
        foreach (var (name, fc) in files)
        {
            foreach (var f in fc)
            {
                if (!f.Geometry.IsValid)
                    errors.Add($"{name} {f.Attributes["code"]}: invalid");
                foreach (var poly in f.Geometry is MultiPolygon mp ? mp.Geometries.Cast<Polygon>() : [])
                {
                    if (!Orientation.IsCCW(poly.ExteriorRing.CoordinateSequence) || poly.InteriorRings.Any(h => Orientation.IsCCW(h.CoordinateSequence)))
                        errors.Add($"{name} {f.Attributes["code"]}: ring orientation");
                }
            }
            Console.WriteLine($"{name}: {fc.Count} features");
        }

        var parks = files["parks"].ToDictionary(f => (string)f.Attributes["code"], f => f.Geometry);
        var index = new STRtree<IFeature>();
        foreach (var f in files["parcels"].Concat(files["reservoirs"]))
            index.Insert(f.Geometry.EnvelopeInternal, f);
        foreach (var f in files["parcels"])
        {
            if (!parks[(string)f.Attributes["park_code"]].Covers(f.Geometry))
                errors.Add($"parcel {f.Attributes["code"]}: outside its park");
            foreach (var other in index.Query(f.Geometry.EnvelopeInternal))
            {
                if (!ReferenceEquals(other, f) && f.Geometry.Intersects(other.Geometry) && f.Geometry.Intersection(other.Geometry).Area > 0)
                    errors.Add($"parcel {f.Attributes["code"]} overlaps {other.Attributes["code"]}");
            }
        }
        foreach (var f in files["projects"])
        {
            if (!parks[(string)f.Attributes["park_code"]].Covers(f.Geometry))
                errors.Add($"project {f.Attributes["code"]}: outside its park");
        }
        var parkList = parks.ToList();
        for (var i = 0; i < parkList.Count; i++)
            for (var j = i + 1; j < parkList.Count; j++)
                if (parkList[i].Value.Intersects(parkList[j].Value))
                    errors.Add($"parks {parkList[i].Key} and {parkList[j].Key} intersect");

        foreach (var e in errors.Take(50))
            Console.Error.WriteLine(e);
        Console.WriteLine(errors.Count == 0 ? "check: OK" : $"check: {errors.Count} problems");
        return errors.Count == 0 ? 0 : 1;
    }
}
