using LandMap.Api.Features.Supervision;
using LandMap.Api.Problems;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// The step fields the vocabulary gives each event kind (migration 0037; the map's step form shows
/// them) are exactly the ones <see cref="ProcedureRules"/> accepts for that kind: a field listed is
/// taken, a field not listed is a 400 naming it. So the form and the rules cannot drift apart.
/// </summary>
public sealed class StepFieldsTests(LandMapServer server)
{
    private static readonly string[] Optional = ["cause", "newAgreedStartOn", "newAgreedCompletionOn", "amountWan"];

    private static ProcedureStepBody Body(string kind, string? only) => new(kind, "2020-01-01", "文号",
        only == "cause" ? "land_user" : null,
        only == "newAgreedStartOn" ? "2020-06-01" : null,
        only == "newAgreedCompletionOn" ? "2021-06-01" : null,
        only == "amountWan" ? 1m : null, null);

    [Fact]
    public async Task Every_step_kind_takes_exactly_the_fields_the_vocabulary_lists()
    {
        var steps = new Dictionary<string, string[]>();
        await using (var cmd = server.DataSource.CreateCommand("select kind, step_fields from lifecycle_event_kinds where step_fields is not null"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) steps[r.GetString(0)] = r.GetFieldValue<string[]>(1);
        Assert.Equal(11, steps.Count);
        HashSet<string> kinds = [.. steps.Keys, "sold"];
        HashSet<string> causes = ["land_user"];
        var today = new DateOnly(2026, 1, 1);
        foreach (var (kind, fields) in steps)
            foreach (var field in Optional)
            {
                var body = Body(kind, field);
                if (fields.Contains(field))
                {
                    // A listed field is taken (a kind that needs one of its fields is given it here).
                    var step = ProcedureRules.Parse(body, kinds, causes, today);
                    Assert.Equal(kind, step.Kind);
                }
                else
                {
                    var e = Assert.Throws<InvalidParameterException>(() => ProcedureRules.Parse(body, kinds, causes, today));
                    Assert.True(e.Parameter == field || fields.Length > 0,
                        $"{kind} with {field}: refused naming {e.Parameter}; the vocabulary lists [{string.Join(", ", fields)}]");
                }
            }
    }
}
