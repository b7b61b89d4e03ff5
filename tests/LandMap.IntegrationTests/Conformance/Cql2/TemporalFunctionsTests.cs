using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>
/// CQL2 Temporal Functions: every T_ predicate with instants and intervals (properties, literals,
/// '..' open ends) in both encodings, on PostGIS, against SQL written from the standard's tables
/// of definitions (OGC 21-065r2 7.7 and OWL-Time): a is the first argument, b the second.
/// </summary>
public sealed class TemporalFunctionsTests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    // A: a parcel's agreed construction period; B: a literal period. Hand SQL: a1/a2 and b1/b2.
    private const string A = "INTERVAL(agreed_start_on, agreed_completion_on)";
    private const string AJ = """{"interval": [{"property": "agreed_start_on"}, {"property": "agreed_completion_on"}]}""";
    private const string B = "INTERVAL('2015-01-01', '2016-12-31')";
    private const string BJ = """{"interval": ["2015-01-01", "2016-12-31"]}""";
    // Intervals sharing an end with A: the actual start to the agreed completion, the agreed start to the actual start.
    private const string LateStart = "INTERVAL(actual_start_on, agreed_completion_on)";
    private const string LateStartJ = """{"interval": [{"property": "actual_start_on"}, {"property": "agreed_completion_on"}]}""";
    private const string Lead = "INTERVAL(agreed_start_on, actual_start_on)";
    private const string LeadJ = """{"interval": [{"property": "agreed_start_on"}, {"property": "actual_start_on"}]}""";
    private const string Approval = "INTERVAL(approved_on, supplied_on)";
    private const string ApprovalJ = """{"interval": [{"property": "approved_on"}, {"property": "supplied_on"}]}""";
    private const string Wait = "INTERVAL(supplied_on, agreed_start_on)";
    private const string WaitJ = """{"interval": [{"property": "supplied_on"}, {"property": "agreed_start_on"}]}""";

    [Theory]
    [Trait("Requirement", "/req/temporal-functions/temporal-functions")]
    [Trait("Requirement", "/req/temporal-operators/temporal-predicates")]
    [Trait("Requirement", "/req/cql2-text/temporal-functions")]
    [Trait("Requirement", "/req/cql2-json/temporal-functions")]
    [InlineData("T_AFTER(supplied_on, DATE('2015-12-31'))", """{"op": "t_after", "args": [{"property": "supplied_on"}, {"date": "2015-12-31"}]}""", "supplied_on > '2015-12-31'")]
    [InlineData("T_BEFORE(supplied_on, DATE('2010-01-01'))", """{"op": "t_before", "args": [{"property": "supplied_on"}, {"date": "2010-01-01"}]}""", "supplied_on < '2010-01-01'")]
    [InlineData("T_EQUALS(supplied_on, DATE('2014-11-20'))", """{"op": "t_equals", "args": [{"property": "supplied_on"}, {"date": "2014-11-20"}]}""", "supplied_on = '2014-11-20'")]
    [InlineData("T_DISJOINT(supplied_on, DATE('2014-11-20'))", """{"op": "t_disjoint", "args": [{"property": "supplied_on"}, {"date": "2014-11-20"}]}""", "supplied_on <> '2014-11-20'")]
    [InlineData("T_DISJOINT(supplied_on, INTERVAL('2014-01-01', '2014-12-31'))", """{"op": "t_disjoint", "args": [{"property": "supplied_on"}, {"interval": ["2014-01-01", "2014-12-31"]}]}""", "supplied_on < '2014-01-01' or supplied_on > '2014-12-31'")]
    [InlineData("T_DISJOINT(supplied_on, INTERVAL('..', '2014-12-31'))", """{"op": "t_disjoint", "args": [{"property": "supplied_on"}, {"interval": ["..", "2014-12-31"]}]}""", "supplied_on > '2014-12-31'")]
    [InlineData("T_INTERSECTS(supplied_on, INTERVAL('2014-01-01', '2014-12-31'))", """{"op": "t_intersects", "args": [{"property": "supplied_on"}, {"interval": ["2014-01-01", "2014-12-31"]}]}""", "supplied_on >= '2014-01-01' and supplied_on <= '2014-12-31'")]
    [InlineData("T_INTERSECTS(INTERVAL('2014-06-01', '..'), supplied_on)", """{"op": "t_intersects", "args": [{"interval": ["2014-06-01", ".."]}, {"property": "supplied_on"}]}""", "supplied_on >= '2014-06-01'")]
    [InlineData("T_AFTER(updated_at, DATE('2010-02-10'))", """{"op": "t_after", "args": [{"property": "updated_at"}, {"date": "2010-02-10"}]}""", "updated_at > '2010-02-10T00:00:00Z'")]
    [InlineData("T_INTERSECTS(updated_at, INTERVAL('2000-01-01T00:00:00Z', '..'))", """{"op": "t_intersects", "args": [{"property": "updated_at"}, {"interval": ["2000-01-01T00:00:00Z", ".."]}]}""", "updated_at >= '2000-01-01T00:00:00Z'")]
    [InlineData("T_BEFORE(agreed_start_on, actual_start_on)", """{"op": "t_before", "args": [{"property": "agreed_start_on"}, {"property": "actual_start_on"}]}""", "agreed_start_on < actual_start_on")]
    public async Task Req_temporal_functions_on_instants(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Theory]
    [Trait("Requirement", "/req/temporal-functions/temporal-functions")]
    [Trait("Requirement", "/req/temporal-operators/temporal-predicates")]
    [Trait("Requirement", "/req/cql2-text/temporal-functions")]
    [Trait("Requirement", "/req/cql2-json/temporal-functions")]
    [InlineData("T_AFTER(" + A + ", " + B + ")", """{"op": "t_after", "args": [""" + AJ + ", " + BJ + "]}", "agreed_start_on > '2016-12-31'")]
    [InlineData("T_BEFORE(" + A + ", " + B + ")", """{"op": "t_before", "args": [""" + AJ + ", " + BJ + "]}", "agreed_completion_on < '2015-01-01'")]
    [InlineData("T_CONTAINS(" + A + ", " + B + ")", """{"op": "t_contains", "args": [""" + AJ + ", " + BJ + "]}", "agreed_start_on < '2015-01-01' and agreed_completion_on > '2016-12-31'")]
    [InlineData("T_DISJOINT(" + A + ", " + B + ")", """{"op": "t_disjoint", "args": [""" + AJ + ", " + BJ + "]}", "agreed_completion_on < '2015-01-01' or agreed_start_on > '2016-12-31'")]
    [InlineData("T_DURING(" + A + ", " + B + ")", """{"op": "t_during", "args": [""" + AJ + ", " + BJ + "]}", "agreed_start_on > '2015-01-01' and agreed_completion_on < '2016-12-31'")]
    [InlineData("T_EQUALS(" + A + ", " + A + ")", """{"op": "t_equals", "args": [""" + AJ + ", " + AJ + "]}", "agreed_start_on is not null and agreed_completion_on is not null")]
    [InlineData("T_FINISHEDBY(" + A + ", " + LateStart + ")", """{"op": "t_finishedBy", "args": [""" + AJ + ", " + LateStartJ + "]}", "agreed_start_on < actual_start_on and agreed_completion_on is not null")]
    [InlineData("T_FINISHES(" + LateStart + ", " + A + ")", """{"op": "t_finishes", "args": [""" + LateStartJ + ", " + AJ + "]}", "actual_start_on > agreed_start_on and agreed_completion_on is not null")]
    [InlineData("T_INTERSECTS(" + A + ", " + B + ")", """{"op": "t_intersects", "args": [""" + AJ + ", " + BJ + "]}", "agreed_start_on <= '2016-12-31' and agreed_completion_on >= '2015-01-01'")]
    [InlineData("T_MEETS(" + Approval + ", " + Wait + ")", """{"op": "t_meets", "args": [""" + ApprovalJ + ", " + WaitJ + "]}", "supplied_on is not null")]
    [InlineData("T_METBY(" + Wait + ", " + Approval + ")", """{"op": "t_metBy", "args": [""" + WaitJ + ", " + ApprovalJ + "]}", "supplied_on is not null")]
    [InlineData("T_OVERLAPPEDBY(" + A + ", " + B + ")", """{"op": "t_overlappedBy", "args": [""" + AJ + ", " + BJ + "]}", "agreed_start_on > '2015-01-01' and agreed_start_on < '2016-12-31' and agreed_completion_on > '2016-12-31'")]
    [InlineData("T_OVERLAPS(" + A + ", " + B + ")", """{"op": "t_overlaps", "args": [""" + AJ + ", " + BJ + "]}", "agreed_start_on < '2015-01-01' and agreed_completion_on > '2015-01-01' and agreed_completion_on < '2016-12-31'")]
    [InlineData("T_STARTEDBY(" + A + ", " + Lead + ")", """{"op": "t_startedBy", "args": [""" + AJ + ", " + LeadJ + "]}", "agreed_start_on is not null and agreed_completion_on > actual_start_on")]
    [InlineData("T_STARTS(" + Lead + ", " + A + ")", """{"op": "t_starts", "args": [""" + LeadJ + ", " + AJ + "]}", "agreed_start_on is not null and actual_start_on < agreed_completion_on")]
    public async Task Req_temporal_functions_on_intervals(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Theory]
    [Trait("Requirement", "/req/temporal-functions/temporal-functions")]
    [InlineData("T_DURING(" + A + ", INTERVAL('2010-01-01', '..'))", """{"op": "t_during", "args": [""" + AJ + """, {"interval": ["2010-01-01", ".."]}]}""", "agreed_start_on > '2010-01-01' and agreed_completion_on is not null")]
    [InlineData("T_CONTAINS(INTERVAL('..', '..'), " + A + ")", """{"op": "t_contains", "args": [{"interval": ["..", ".."]}, """ + AJ + "]}", "agreed_start_on is not null and agreed_completion_on is not null")]
    [InlineData("T_OVERLAPS(" + A + ", INTERVAL('2016-01-01', '..'))", """{"op": "t_overlaps", "args": [""" + AJ + """, {"interval": ["2016-01-01", ".."]}]}""", "agreed_start_on < '2016-01-01' and agreed_completion_on > '2016-01-01'")]
    [InlineData("T_STARTS(INTERVAL('..', agreed_start_on), INTERVAL('..', agreed_completion_on))", """{"op": "t_starts", "args": [{"interval": ["..", {"property": "agreed_start_on"}]}, {"interval": ["..", {"property": "agreed_completion_on"}]}]}""", "agreed_start_on < agreed_completion_on")]
    [InlineData("T_AFTER(" + A + ", INTERVAL('..', '2015-12-31'))", """{"op": "t_after", "args": [""" + AJ + """, {"interval": ["..", "2015-12-31"]}]}""", "agreed_start_on > '2015-12-31'")]
    public async Task Req_temporal_functions_open_ends_are_unbounded(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Theory]
    [Trait("Requirement", "/req/temporal-functions/temporal-functions")]
    [InlineData("T_CONTAINS")]
    [InlineData("T_DURING")]
    [InlineData("T_FINISHEDBY")]
    [InlineData("T_FINISHES")]
    [InlineData("T_MEETS")]
    [InlineData("T_METBY")]
    [InlineData("T_OVERLAPPEDBY")]
    [InlineData("T_OVERLAPS")]
    [InlineData("T_STARTEDBY")]
    [InlineData("T_STARTS")]
    public void Req_temporal_functions_interval_only_functions_refuse_an_instant(string name)
    {
        Assert.Contains($"{name} is defined between two intervals", Cql2Db.Rejected($"{name}(supplied_on, {B})"));
        Assert.Contains("DATE('2014-01-01') is an instant", Cql2Db.Rejected($"{name}({B}, DATE('2014-01-01'))"));
    }
}
