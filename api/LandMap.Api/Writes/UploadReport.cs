using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Writes;

/// <summary>
/// Machine-readable kinds of upload problems. The geometry validity kinds are NTS's
/// <c>TopologyValidationErrors</c> names as they are (NTS 2.6's IsValidOp reports a duplicated ring as
/// SelfIntersection and RepeatedPoint not at all; RingNotClosed and TooFewPoints mostly come from the
/// readers, which refuse to build such rings: see <see cref="FeatureValidator.Unreadable"/>). Warnings are listed in <see cref="UploadKinds.IsWarning"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<UploadProblemKind>))]
public enum UploadProblemKind
{
    // NTS IsValidOp (TopologyValidationErrors)
    SelfIntersection, RingNotClosed, TooFewPoints, InvalidCoordinate, RingSelfIntersection, NestedHoles,
    DisconnectedInteriors, HoleOutsideShell, NestedShells, DuplicateRings, RepeatedPoint, InvalidGeometry,
    // geometry bounds
    MissingGeometry, GeometryTypeMismatch, TooManyVertices, TooLarge, TooSmall,
    // properties
    RequiredProperty, TooManyProperties, InvalidType, InvalidEnum, InvalidLandUseCode, AmbiguousLandUseCode, InvalidDate, OutOfRange, DuplicateCode, DuplicateKey,
    // text bounds of the catalog (PropertyDef.MaxLength, PropertyDef.Pattern)
    TooLong, InvalidCode,
    // checks against stored data (StoredDataChecks: uploads and Part 4 edits)
    CodeConflict, Overlap, UnknownPark, UnknownProject,
    // the planning gate (PlanningGate: a parcel on a control line or protected area; overridden by an admin: a warning)
    ControlLineEncroached, ProtectedAreaTaken,
    // coordinates and CRS (CoordinatePlausibility)
    MetresWithoutCrs, DegreesWithProjectedCrs, MetresWithGeographicCrs, LatLonSwapped, NorthingEastingSwapped,
    WrongZonePrefix, Wrong6DegreeZone, OutsideZone, UnsupportedCrs,
    // warnings
    RingReoriented, UnknownProperty, ReadOnlyProperty, LegacyDatum, Promoted, PlanningOverridden,
    // file-level warnings from the format readers (Formats/)
    EncodingAssumed, DeletedRecordsSkipped,
}

public static class UploadKinds
{
    public static bool IsWarning(UploadProblemKind kind) => kind is UploadProblemKind.RingReoriented
        or UploadProblemKind.UnknownProperty or UploadProblemKind.ReadOnlyProperty
        or UploadProblemKind.LegacyDatum or UploadProblemKind.Promoted or UploadProblemKind.PlanningOverridden
        or UploadProblemKind.EncodingAssumed
        or UploadProblemKind.DeletedRecordsSkipped;
}

/// <summary>
/// One problem or warning. <paramref name="FeatureIndex"/> is 0-based in file order (null: the
/// whole file); <paramref name="Coordinate"/> is [x, y] in EPSG:4490 lon/lat unless the message
/// says otherwise (plausibility problems give the file's own coordinates); <paramref name="Geometry"/>
/// is e.g. an overlap.
/// </summary>
public sealed record UploadProblem(
    int? FeatureIndex, string? Code, string? Field, UploadProblemKind Kind,
    string MessageZh, string MessageEn, double[]? Coordinate = null, Geometry? Geometry = null)
{
    [JsonIgnore] public bool IsWarning => UploadKinds.IsWarning(Kind);

    /// <summary>For an overlap: the other parcel's code; for the planning gate: the control line's or protected area's.</summary>
    public string? OtherCode { get; init; }

    /// <summary>For an overlap: its area in m² on the ellipsoid.</summary>
    public double? OverlapM2 { get; init; }

    /// <summary>For the planning gate: the collection of what is taken (control_lines, protected_areas).</summary>
    public string? OtherLayer { get; init; }

    /// <summary>For the planning gate: the line's or area's kind (red, basic_farmland, ...).</summary>
    public string? OtherKind { get; init; }

    /// <summary>For the planning gate: the line's or area's name.</summary>
    public string? OtherName { get; init; }
}

public sealed class UploadCounts
{
    public int Read { get; set; }
    public int Valid { get; set; }
    public int Invalid { get; set; }
    public int ToCreate { get; set; }
    public int ToUpdate { get; set; }
}

/// <summary>
/// The upload's report: counts, errors and warnings apart, each with where and why. Every problem is
/// counted by kind; the lists keep the first <see cref="MaxListed"/> of each (a 200,000-feature file
/// whose every ring is clockwise must not hold 200,000 warnings in memory), and say when they stop.
/// </summary>
public sealed class UploadReport(int maxListed = UploadReport.DefaultMaxListed)
{
    public const int DefaultMaxListed = 10_000;

    private readonly List<UploadProblem> problems = [];
    private readonly List<UploadProblem> warnings = [];
    private readonly SortedDictionary<string, int> byKind = new(StringComparer.Ordinal);
    private int errorCount;
    private int warningCount;

    [JsonIgnore] public int MaxListed => maxListed;
    public UploadCounts Counts { get; } = new();

    /// <summary>How many errors and warnings of each kind, listed or not.</summary>
    public IReadOnlyDictionary<string, int> CountsByKind => byKind;

    public IReadOnlyList<UploadProblem> Problems => problems;
    public IReadOnlyList<UploadProblem> Warnings => warnings;

    /// <summary>Errors found but not listed (beyond <see cref="MaxListed"/>); null when all are listed.</summary>
    public int? ProblemsNotListed => errorCount > problems.Count ? errorCount - problems.Count : null;

    /// <summary>Warnings found but not listed; null when all are listed.</summary>
    public int? WarningsNotListed => warningCount > warnings.Count ? warningCount - warnings.Count : null;

    [JsonIgnore] public bool HasErrors => errorCount > 0;

    /// <summary>Adds to <see cref="Problems"/> or <see cref="Warnings"/> by the kind.</summary>
    public void Add(UploadProblem problem)
    {
        var key = problem.Kind.ToString();
        byKind[key] = byKind.GetValueOrDefault(key) + 1;
        if (problem.IsWarning)
        {
            if (warningCount++ < maxListed) warnings.Add(problem);
        }
        else if (errorCount++ < maxListed) problems.Add(problem);
    }

    public void AddRange(IEnumerable<UploadProblem> items)
    {
        foreach (var p in items) Add(p);
    }

    /// <summary>Adds what validators running side by side found: counts, kinds and listed problems, then
    /// keeps the lists in feature order (each part listed its first <see cref="MaxListed"/>, so the
    /// first <see cref="MaxListed"/> of the whole are among them).</summary>
    public void Merge(IEnumerable<UploadReport> parts)
    {
        foreach (var part in parts)
        {
            Counts.Read += part.Counts.Read;
            Counts.Valid += part.Counts.Valid;
            Counts.Invalid += part.Counts.Invalid;
            foreach (var (kind, n) in part.byKind) byKind[kind] = byKind.GetValueOrDefault(kind) + n;
            errorCount += part.errorCount;
            warningCount += part.warningCount;
            problems.AddRange(part.problems);
            warnings.AddRange(part.warnings);
        }
        Order(problems);
        Order(warnings);
    }

    private void Order(List<UploadProblem> list)
    {
        // File-level findings (no index) first, then by feature; stable within a feature.
        var ordered = list.Select((p, i) => (p, i)).OrderBy(x => x.p.FeatureIndex ?? -1).ThenBy(x => x.i).Select(x => x.p).Take(maxListed).ToList();
        list.Clear();
        list.AddRange(ordered);
    }
}
