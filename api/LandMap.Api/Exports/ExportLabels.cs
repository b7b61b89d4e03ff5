using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using Npgsql;

namespace LandMap.Api.Exports;

/// <summary>
/// The names an export writes in place of codes, in its language, read from the vocabulary tables
/// and the parks (never a list restated here): parcel states, event kinds, supply modes, project
/// stages (by the project's kind), park names, and land-use codes with their names beside them
/// ("0601 工业用地"). A code no table knows is written as it is.
/// </summary>
public sealed class ExportLabels
{
    private readonly Dictionary<string, Dictionary<string, (string Zh, string En)>> tables = [];
    private readonly Dictionary<string, ProjectStageTerm> stages;
    private readonly Dictionary<string, ProjectKindTerm> kinds;
    private readonly Dictionary<string, (string Zh, string En)> parks;
    private readonly Dictionary<(string Edition, string Code), (string Zh, string En)> landUseByEdition;

    /// <summary>Labels of <paramref name="vocabulary"/> and <paramref name="parks"/> in <paramref name="language"/>.</summary>
    public ExportLabels(ZoneVocabulary vocabulary, IEnumerable<ParkName> parks, ExportLanguage language)
    {
        Language = language;
        void Add(string table, IEnumerable<(string Code, string Zh, string En)> terms) =>
            tables[table] = terms.GroupBy(t => t.Code).ToDictionary(g => g.Key, g => (g.First().Zh, g.First().En), StringComparer.Ordinal);
        static IEnumerable<(string, string, string)> Terms(IEnumerable<VocabularyTerm> list) => list.Select(t => (t.Code, t.NameZh, t.NameEn));
        Add(VocabularyTables.ParcelStates, Terms(vocabulary.ParcelStates));
        Add(VocabularyTables.EventKinds, vocabulary.EventKinds.Select(t => (t.Code, t.NameZh, t.NameEn)));
        Add(VocabularyTables.ProjectKinds, vocabulary.ProjectKinds.Select(t => (t.Code, t.NameZh, t.NameEn)));
        Add(VocabularyTables.RoadStages, Terms(vocabulary.RoadStates));
        Add(VocabularyTables.RoadGrades, Terms(vocabulary.RoadGrades));
        Add(VocabularyTables.RiverStates, Terms(vocabulary.RiverStates));
        Add(VocabularyTables.WaterQuality, Terms(vocabulary.WaterQuality));
        Add(VocabularyTables.ReservoirKinds, Terms(vocabulary.ReservoirKinds));
        Add(VocabularyTables.ReservoirStages, Terms(vocabulary.ReservoirStages));
        Add(VocabularyTables.ParkKinds, Terms(vocabulary.ParkKinds));
        Add(VocabularyTables.SupplyMethods, Terms(vocabulary.SupplyMethods));
        Add(VocabularyTables.StartEvidence, Terms(vocabulary.StartEvidence));
        Add(VocabularyTables.IdleCauses, Terms(vocabulary.IdleCauses));
        Add(VocabularyTables.ComplianceRules, Terms(vocabulary.ComplianceRules));
        // A code of the current edition first: a code two editions share is named as new data reads it.
        Add(VocabularyTables.LandUseCodes, vocabulary.LandUse.Codes
            .OrderBy(c => c.Edition is null || c.Edition == vocabulary.LandUse.Edition ? 0 : 1)
            .Select(c => (c.Code, $"{c.Code} {c.NameZh}", $"{c.Code} {c.NameEn}")));
        landUseByEdition = vocabulary.LandUse.Codes.Where(c => c.Edition is not null)
            .GroupBy(c => (c.Edition!, c.Code)).ToDictionary(g => g.Key, g => (g.First().NameZh, g.First().NameEn));
        Add(VocabularyTables.LandUseEditions, vocabulary.LandUse.Editions.Select(e => (e.Edition, e.NameZh, e.NameEn)));
        stages = vocabulary.ProjectStages.ToDictionary(s => s.Code, StringComparer.Ordinal);
        kinds = vocabulary.ProjectKinds.ToDictionary(k => k.Code, StringComparer.Ordinal);
        this.parks = parks.ToDictionary(p => p.Code, p => (p.NameZh, p.NameEn), StringComparer.Ordinal);
    }

    /// <summary>The language the labels are in.</summary>
    public ExportLanguage Language { get; }

    /// <summary>The vocabulary and the parks as <paramref name="conn"/> sees them.</summary>
    public static async Task<ExportLabels> LoadAsync(NpgsqlConnection conn, ExportLanguage language, CancellationToken ct)
    {
        var vocabulary = await VocabularyReader.ReadAsync(conn, ct);
        return new(vocabulary, await ReportScope.ParksAsync(conn, ct), language);
    }

    /// <summary>The labels an answer in <paramref name="format"/> needs: none for JSON. <paramref name="lang"/>
    /// is checked either way (a 400 naming it when it is neither zh nor en); without it the language
    /// comes from <paramref name="request"/>'s Accept-Language (<see cref="ExportLanguages.Choose"/>).</summary>
    public static async Task<ExportLabels?> ForAsync(ExportFormat format, string? lang, HttpRequest request, NpgsqlConnection conn, CancellationToken ct)
    {
        var language = ExportLanguages.Choose(lang, request);
        return format == ExportFormat.Json ? null : await LoadAsync(conn, language, ct);
    }

    /// <summary>A header in the export's language.</summary>
    public string Header(string zh, string en) => Language.Pick(zh, en);

    /// <summary>The name of <paramref name="code"/> in the vocabulary table <paramref name="table"/>
    /// (<see cref="VocabularyTables"/>); land-use codes as "code name". Null stays null.</summary>
    public string? Term(string table, string? code) =>
        code is null ? null
        : tables.TryGetValue(table, out var terms) && terms.TryGetValue(code, out var t) ? Language.Pick(t.Zh, t.En)
        : code;

    /// <summary>A parcel state (lifecycle_states).</summary>
    public string? State(string? code) => Term(VocabularyTables.ParcelStates, code);

    /// <summary>A land-use code with its name beside it: "0601 工业用地". With <paramref name="edition"/>
    /// (the row's <c>*_edition</c>), the name that edition gives the code (1001 is 铁路用地 in GB/T 21010,
    /// 工业用地 in the 2023 guide); without, the current edition's.</summary>
    public string? LandUse(string? code, string? edition = null) =>
        code is not null && edition is not null && landUseByEdition.TryGetValue((edition, code), out var n)
            ? Language.Pick($"{code} {n.Zh}", $"{code} {n.En}")
            : Term(VocabularyTables.LandUseCodes, code);

    /// <summary>A park's name.</summary>
    public string? Park(string? code) =>
        code is null ? null : parks.TryGetValue(code, out var p) ? Language.Pick(p.Zh, p.En) : code;

    /// <summary>A project's stage as that project reads it: 投产 for an industrial one (or one of no
    /// known kind), 投用 for a park, hospital or kindergarten.</summary>
    public string? ProjectStage(string? stage, string? kind)
    {
        if (stage is null) return null;
        if (!stages.TryGetValue(stage, out var term)) return stage;
        var k = kind is null ? null : kinds.GetValueOrDefault(kind);
        return Language.Pick(term.NameZhFor(k), term.NameEnFor(k));
    }
}
