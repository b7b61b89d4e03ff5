namespace LandMap.Api.Domain.Vocabulary;

/// <summary>SQL of the vocabulary: every list in one round trip.</summary>
internal static class VocabularySql
{
    /// <summary>The lists (code, names, colour, order; the project stages their non-industrial names and
    /// the project kinds whether they are industrial, as three more columns), by the member name of <see cref="ZoneVocabulary"/> they fill.</summary>
    public static readonly IReadOnlyDictionary<string, string> Lists = new Dictionary<string, string>
    {
        ["parcelStates"] = Plain("lifecycle_states", "state"),
        ["eventKinds"] = "select kind, name_zh, name_en, null::text, sort, null::text, null::text, null::boolean from lifecycle_event_kinds",
        ["projectStages"] = "select code, name_zh, name_en, color, sort, name_zh_nonindustrial, name_en_nonindustrial, null::boolean from project_stages",
        ["projectKinds"] = "select code, name_zh, name_en, color, sort, null::text, null::text, industrial from project_kinds",
        ["roadStates"] = Plain("road_stages"),
        ["roadGrades"] = Plain("road_grades"),
        ["riverStates"] = Plain("river_states"),
        ["waterQuality"] = Plain("water_quality_states"),
        ["reservoirKinds"] = Plain("reservoir_kinds"),
        ["reservoirStages"] = Plain("reservoir_stages"),
        ["parkKinds"] = Plain("park_kinds"),
        ["supplyMethods"] = Plain("supply_methods"),
        ["startEvidence"] = Plain("start_evidence_kinds"),
        ["idleCauses"] = Plain("idle_causes"),
        ["controlLineKinds"] = Plain("control_line_kinds"),
        ["protectedAreaKinds"] = Plain("protected_area_kinds"),
        ["complianceRules"] = Plain(VocabularyTables.ComplianceRules),
    };

    /// <summary>The event kinds that are recorded as steps, with the fields each takes (0037).</summary>
    public const string StepFields = "select kind, step_fields from lifecycle_event_kinds where step_fields is not null";

    /// <summary><see cref="All"/>, then <see cref="StepFields"/>: the whole vocabulary in one round trip.</summary>
    public static string AllWithSteps => All + ";\n" + StepFields;

    /// <summary>A list with no more than code, names, colour and order.</summary>
    private static string Plain(string table, string code = "code") =>
        $"select {code}, name_zh, name_en, color, sort, null::text, null::text, null::boolean from {table}";

    /// <summary>Rows (list, code, name_zh, name_en, color, sort, parent, edition, edition order,
    /// non-industrial name_zh and name_en, industrial), each list in order;
    /// then the land-use classes and codes (list 'landUse'), classes first; then the current edition
    /// (list 'landUseEdition', its name in code); then every edition (list 'landUseEditions': name, names,
    /// alias in the colour column, extends in parent, gbt_classes in edition).</summary>
    public static readonly string All = string.Join("\nunion all\n",
        Lists.Select(l => $"select '{l.Key}'::text, t.code, t.name_zh, t.name_en, t.color::text, t.sort, null::text, null::text, 0, t.alt_zh, t.alt_en, t.industrial from ({l.Value}) as t (code, name_zh, name_en, color, sort, alt_zh, alt_en, industrial)")
        .Append("""
            select 'landUse', class_code, name_zh, name_en, color::text, 0, null, null, 0, null, null, null from land_use_classes
            union all
            select 'landUse', c.code, c.name_zh, c.name_en, coalesce(c.color, lc.color)::text, 0, c.class_code, c.standard, e.sort, null, null, null
            from land_use_codes as c join land_use_classes as lc using (class_code) join land_use_editions as e on e.edition = c.standard
            union all
            select 'landUseEdition', edition, '', '', null, 0, null, null, 0, null, null, null from land_use_editions where current
            union all
            select 'landUseEditions', edition, name_zh, name_en, alias, sort, extends, gbt_classes::text, 0, null, null, null from land_use_editions
            """))
        + "\norder by 1, 9, 6, 2";

}
