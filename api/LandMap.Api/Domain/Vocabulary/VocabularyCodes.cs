using Npgsql;

namespace LandMap.Api.Domain.Vocabulary;

/// <summary>The vocabulary tables a coded property may reference (its column has a foreign key to
/// the table): the only place their names are spelled in C#.</summary>
public static class VocabularyTables
{
    public const string ParcelStates = "lifecycle_states";
    public const string EventKinds = "lifecycle_event_kinds";
    public const string ProjectStages = "project_stages";
    public const string ProjectKinds = "project_kinds";
    public const string RoadStages = "road_stages";
    public const string RoadGrades = "road_grades";
    public const string RiverStates = "river_states";
    public const string WaterQuality = "water_quality_states";
    public const string ReservoirKinds = "reservoir_kinds";
    public const string ReservoirStages = "reservoir_stages";
    public const string ParkKinds = "park_kinds";
    public const string SupplyMethods = "supply_methods";
    public const string StartEvidence = "start_evidence_kinds";
    public const string IdleCauses = "idle_causes";
    public const string LandUseCodes = "land_use_codes";
    public const string LandUseEditions = "land_use_editions";
    public const string ControlLineKinds = "control_line_kinds";
    public const string ProtectedAreaKinds = "protected_area_kinds";
    /// <summary>The planning compliance rules (0041); no column references it: <c>noncompliant_rules</c> lists its codes.</summary>
    public const string ComplianceRules = "compliance_rules";

    /// <summary>Each table with its code column and its order (the legends' order; land-use by code).</summary>
    internal static readonly IReadOnlyDictionary<string, (string Code, string Order)> Columns = new Dictionary<string, (string, string)>
    {
        [ParcelStates] = ("state", "sort"), [EventKinds] = ("kind", "sort"), [ProjectStages] = ("code", "sort"), [ProjectKinds] = ("code", "sort"),
        [RoadStages] = ("code", "sort"), [RoadGrades] = ("code", "sort"), [RiverStates] = ("code", "sort"), [WaterQuality] = ("code", "sort"),
        [ReservoirKinds] = ("code", "sort"), [ReservoirStages] = ("code", "sort"), [ParkKinds] = ("code", "sort"),
        [SupplyMethods] = ("code", "sort"), [StartEvidence] = ("code", "sort"), [IdleCauses] = ("code", "sort"), [LandUseCodes] = ("code", "code"),
        [LandUseEditions] = ("edition", "sort"), [ControlLineKinds] = ("code", "sort"), [ProtectedAreaKinds] = ("code", "sort"),
    };
}

/// <summary>
/// The allowed values of every coded property, as the vocabulary tables hold them when loaded.
/// Loaded once per validation run (an upload, a Part 4 write) in the write's own transaction, and
/// per request for the queryables: one small query (a few hundred rows, about a millisecond), and
/// always what the foreign keys will check, so a row added to a table is a valid value at once,
/// with no cache to invalidate (the collection-version counters do not count vocabulary edits).
/// </summary>
public sealed class VocabularyCodes
{
    private static readonly string Sql = string.Join("\nunion all\n", VocabularyTables.Columns.Select(t =>
        $"(select '{t.Key}'::text, {t.Value.Code} from {t.Key} order by {t.Value.Order})"))
        // The land-use code book (LandUseCodeBook): editions, then codes, in the same round trip.
        + ";\nselect edition, alias, extends, current, sort from land_use_editions order by sort"
        + ";\nselect standard, code, name_zh, name_en, false from land_use_codes"
        + "\nunion all select e.edition, c.class_code, c.name_zh, c.name_en, true from land_use_classes as c"
        + " cross join land_use_editions as e where e.current and c.class_code ~ '^[0-9]{2}$'";

    private readonly Dictionary<string, List<string>> ordered;
    private readonly Dictionary<string, HashSet<string>> sets;

    /// <summary>No codes at all: every coded value is refused, and the queryables declare empty enums.</summary>
    public static VocabularyCodes Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>The codes of each table, in order (for tests and for callers that hold them already);
    /// a code two editions share is listed once. <paramref name="landUse"/>: the land-use code book; by
    /// default the land-use codes given are all of the current edition, GB/T 21010-2017.</summary>
    public VocabularyCodes(IReadOnlyDictionary<string, IReadOnlyList<string>> codes, LandUseCodeBook? landUse = null)
    {
        ordered = codes.ToDictionary(c => c.Key, c => c.Value.Distinct(StringComparer.Ordinal).ToList());
        sets = codes.ToDictionary(c => c.Key, c => c.Value.ToHashSet(StringComparer.Ordinal));
        LandUse = landUse ?? new LandUseCodeBook([new(CurrentEdition, "2017", null, true, 1)],
            Of(VocabularyTables.LandUseCodes).Select(c => new LandUseEntry(CurrentEdition, c, c, c)));
    }

    private const string CurrentEdition = "GB/T 21010-2017";

    /// <summary>The land-use codes with their editions, and how a code is read (<see cref="LandUseCodeBook"/>).</summary>
    public LandUseCodeBook LandUse { get; }

    /// <summary>Every table's codes as <paramref name="conn"/> sees them (inside <paramref name="tx"/> when given).</summary>
    public static async Task<VocabularyCodes> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>The same, from a data source (a read outside any transaction).</summary>
    public static async Task<VocabularyCodes> LoadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Sql);
        return await ReadAsync(cmd, ct);
    }

    private static async Task<VocabularyCodes> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var codes = VocabularyTables.Columns.Keys.ToDictionary(t => t, _ => new List<string>());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) codes[r.GetString(0)].Add(r.GetString(1));
        var editions = new List<LandUseEdition>();
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            editions.Add(new(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3), r.GetInt32(4)));
        var entries = new List<LandUseEntry>();
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct)) entries.Add(new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4)));
        return new VocabularyCodes(codes.ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value), new LandUseCodeBook(editions, entries));
    }

    /// <summary>The codes of <paramref name="table"/>, in its order (empty for a table not loaded).</summary>
    public IReadOnlyList<string> Of(string table) => ordered.TryGetValue(table, out var list) ? list : [];

    /// <summary>True when <paramref name="code"/> is a row of <paramref name="table"/> (exact, case-sensitive).</summary>
    public bool Allows(string table, string code) => sets.TryGetValue(table, out var set) && set.Contains(code);
}
