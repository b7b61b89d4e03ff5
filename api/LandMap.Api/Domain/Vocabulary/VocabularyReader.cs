using Npgsql;

namespace LandMap.Api.Domain.Vocabulary;

/// <summary>Reads the zone's vocabulary from its tables, in one round trip (the lists, then the steps' fields).</summary>
public static class VocabularyReader
{
    /// <summary>The whole vocabulary as <paramref name="db"/> holds it now.</summary>
    public static async Task<ZoneVocabulary> ReadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(VocabularySql.AllWithSteps);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>The whole vocabulary as <paramref name="conn"/> sees it (a report's own connection).</summary>
    public static async Task<ZoneVocabulary> ReadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(VocabularySql.AllWithSteps, conn);
        return await ReadAsync(cmd, ct);
    }

    private static async Task<ZoneVocabulary> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var lists = new Dictionary<string, List<VocabularyTerm>>();
        var landUse = new List<LandUseTerm>();
        var stages = new List<ProjectStageTerm>();
        var kinds = new List<ProjectKindTerm>();
        string? edition = null;
        var editions = new List<LandUseEditionTerm>();
        var steps = new Dictionary<string, IReadOnlyList<string>>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var list = r.GetString(0);
                string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                switch (list)
                {
                    case "landUse":
                        landUse.Add(new(r.GetString(1), r.GetString(2), r.GetString(3), Text(4), Text(6), Text(7)));
                        break;
                    case "projectStages":
                        stages.Add(new(r.GetString(1), r.GetString(2), r.GetString(3), Text(4), r.GetInt32(5), Text(9), Text(10)));
                        break;
                    case "projectKinds":
                        kinds.Add(new(r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(5), r.GetBoolean(11)));
                        break;
                    case "landUseEdition":
                        edition = r.GetString(1);
                        break;
                    case "landUseEditions":
                        editions.Add(new(r.GetString(1), r.GetString(4), r.GetString(2), r.GetString(3), Text(6), r.GetString(7) == "true"));
                        break;
                    default:
                        if (!lists.TryGetValue(list, out var terms)) lists[list] = terms = [];
                        terms.Add(new(r.GetString(1), r.GetString(2), r.GetString(3), Text(4), r.GetInt32(5)));
                        break;
                }
            }
            // The second statement: the event kinds recorded as steps, with their fields.
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) steps[r.GetString(0)] = r.GetFieldValue<string[]>(1);
        }
        IReadOnlyList<VocabularyTerm> L(string name) => lists.TryGetValue(name, out var t) ? t : [];
        var states = L("parcelStates");
        return new ZoneVocabulary(states, states,
            [.. L("eventKinds").Select(k => new EventKindTerm(k.Code, k.NameZh, k.NameEn, k.Order, steps.GetValueOrDefault(k.Code)))],
            stages, kinds, L("roadStates"), L("roadGrades"), L("riverStates"), L("waterQuality"), L("reservoirKinds"),
            L("reservoirStages"), L("parkKinds"), L("supplyMethods"), L("startEvidence"), L("idleCauses"), new LandUseVocabulary(edition, landUse) { Editions = editions })
        {
            ControlLineKinds = L("controlLineKinds"), ProtectedAreaKinds = L("protectedAreaKinds"),
            ComplianceRules = L("complianceRules"),
        };
    }
}
