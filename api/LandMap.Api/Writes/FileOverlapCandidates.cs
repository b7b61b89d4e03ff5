using System.Collections.Concurrent;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.RelateNG;

namespace LandMap.Api.Writes;

/// <summary>Two features of one upload file whose interiors meet: <see cref="First"/> comes before
/// <see cref="Second"/> in the file (0-based feature numbers).</summary>
public readonly record struct FeaturePair(int First, int Second);

/// <summary>
/// Finds the pairs of an upload's parcels that overlap each other, in memory: an STRtree over the
/// features' envelopes, queried on every core, and only pairs whose interiors meet (sharing an edge
/// or a corner is the common case between neighbours and is not an overlap) come out. Replaces a
/// GiST index on the staging table and a self-join, which cost the database several seconds per
/// 100,000 parcels. The pairs are then measured in SQL (<see cref="StoredDataChecks"/>: the
/// intersection and its area on the ellipsoid, against the tolerance), so the report's areas are
/// those PostGIS computes, as for overlaps with stored parcels.
/// </summary>
/// <remarks>Features are added from one thread (the staging COPY's), in any order. Each is kept as its
/// envelope and its WKB (one small array instead of a geometry's dozens of objects: the garbage collector
/// copied and marked every kept geometry, which slowed validation and added 120 MB per 100,000); only
/// features whose envelopes meet another's are read back.</remarks>
public sealed class FileOverlapCandidates
{
    // Interiors intersect: what st_intersects and not st_touches mean for two polygons.
    private const string InteriorsMeet = "T********";

    private readonly List<(int Index, Envelope Envelope, byte[] Wkb)> features = [];
    private readonly PostGisWriter writer = StagedFeature.EwkbWriter();

    /// <summary>How many features were added.</summary>
    public int Count => features.Count;

    /// <summary>Adds feature <paramref name="index"/> (its storage geometry; empty ones are skipped).</summary>
    public void Add(int index, Geometry geometry)
    {
        if (!geometry.IsEmpty) features.Add((index, geometry.EnvelopeInternal.Copy(), writer.Write(geometry)));
    }

    /// <summary>Adds feature <paramref name="index"/> by its envelope and its geometry's WKB or EWKB
    /// (<see cref="StagedFeature.Ewkb"/>, written already); an empty envelope is skipped.</summary>
    public void Add(int index, Envelope envelope, byte[] wkb)
    {
        if (!envelope.IsNull) features.Add((index, envelope.Copy(), wkb));
    }

    /// <summary>The pairs whose interiors meet, ordered by the second feature, then the first (the
    /// order the report lists them in: the later feature is the one told of the earlier).</summary>
    public List<FeaturePair> Find(CancellationToken ct)
    {
        if (features.Count < 2) return [];
        var tree = new STRtree<int>();
        for (var i = 0; i < features.Count; i++) tree.Insert(features[i].Envelope, i);
        tree.Build(); // built once here: the queries below then only read it, from several threads

        var found = new ConcurrentBag<FeaturePair>();
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, features.Count, Math.Max(256, features.Count / (Environment.ProcessorCount * 8))),
            new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            range =>
            {
                var reader = new WKBReader();
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var (index, envelope, wkb) = features[i];
                    RelateNG? prepared = null;
                    foreach (var j in tree.Query(envelope))
                    {
                        var (other, _, otherWkb) = features[j];
                        // Each pair once, from its earlier feature.
                        if (other <= index) continue;
                        prepared ??= RelateNG.Prepare(reader.Read(wkb));
                        if (prepared.Evaluate(reader.Read(otherWkb), RelatePredicate.Matches(InteriorsMeet)))
                            found.Add(new FeaturePair(index, other));
                    }
                }
            });
        var pairs = found.ToList();
        pairs.Sort((a, b) => a.Second != b.Second ? a.Second.CompareTo(b.Second) : a.First.CompareTo(b.First));
        return pairs;
    }
}
