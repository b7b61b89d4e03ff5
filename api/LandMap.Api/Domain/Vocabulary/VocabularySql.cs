namespace LandMap.Api.Domain.Vocabulary;

/// <summary>SQL of the vocabulary: every list in one round trip.</summary>
internal static class VocabularySql
{
    /// <summary>The simple lists (code, names, colour, order), by the member name of <see cref="ZoneVocabulary"/> they fill.</summary>
    public static readonly IReadOnlyDictionary<string, string> Lists = new Dictionary<string, string>
    {
        ["parcelStates"] = "select state, name_zh, name_en, color, sort from lifecycle_states",
        ["eventKinds"] = "select kind, name_zh, name_en, null::text, sort from lifecycle_event_kinds",
        ["projectStages"] = "select code, name_zh, name_en, color, sort from project_stages",
        ["roadStates"] = "select code, name_zh, name_en, color, sort from road_stages",
        ["roadGrades"] = "select code, name_zh, name_en, color, sort from road_grades",
        ["riverStates"] = "select code, name_zh, name_en, color, sort from river_states",
        ["reservoirKinds"] = "select code, name_zh, name_en, color, sort from reservoir_kinds",
        ["reservoirStages"] = "select code, name_zh, name_en, color, sort from reservoir_stages",
        ["parkKinds"] = "select code, name_zh, name_en, color, sort from park_kinds",
        ["supplyMethods"] = "select code, name_zh, name_en, color, sort from supply_methods",
        ["startEvidence"] = "select code, name_zh, name_en, color, sort from start_evidence_kinds",
        ["idleCauses"] = "select code, name_zh, name_en, color, sort from idle_causes",
    };

    /// <summary>The event kinds that are recorded as steps, with the fields each takes (0037).</summary>
    public const string StepFields = "select kind, step_fields from lifecycle_event_kinds where step_fields is not null";

    /// <summary>Rows (list, code, name_zh, name_en, color, sort, parent, edition), each list in order;
    /// then the land-use classes and codes (list 'landUse'), classes first; then the current edition
    /// (list 'landUseEdition', its name in code); then every edition (list 'landUseEditions': name, names,
    /// alias in the colour column, extends in parent, gbt_classes in edition).</summary>
    public static readonly string All = string.Join("\nunion all\n",
        Lists.Select(l => $"select '{l.Key}'::text, t.code, t.name_zh, t.name_en, t.color::text, t.sort, null::text, null::text, 0 from ({l.Value}) as t (code, name_zh, name_en, color, sort)")
        .Append("""
            select 'landUse', class_code, name_zh, name_en, color::text, 0, null, null, 0 from land_use_classes
            union all
            select 'landUse', c.code, c.name_zh, c.name_en, coalesce(c.color, lc.color)::text, 0, c.class_code, c.standard, e.sort
            from land_use_codes as c join land_use_classes as lc using (class_code) join land_use_editions as e on e.edition = c.standard
            union all
            select 'landUseEdition', edition, '', '', null, 0, null, null, 0 from land_use_editions where current
            union all
            select 'landUseEditions', edition, name_zh, name_en, alias, sort, extends, gbt_classes::text, 0 from land_use_editions
            """))
        + "\norder by 1, 9, 6, 2";
}
