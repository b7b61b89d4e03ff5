using LandMap.Api.Auth;
using LandMap.Api.Configuration;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LandMap.Api.Features.Lifecycle;

/// <summary>A state or an event kind of the lifecycle with its names.</summary>
public sealed record LifecycleTerm(string Code, string NameZh, string NameEn);

/// <summary>The lifecycle as data: the eight states and the seven event kinds.</summary>
public sealed record LifecycleTerms(IReadOnlyList<LifecycleTerm> States, IReadOnlyList<LifecycleTerm> Events);

/// <summary>One lifecycle event of a parcel.</summary>
public sealed record ParcelEvent(string Kind, DateOnly OccurredOn, string? Note);

/// <summary>
/// A parcel's state on a date as its dates and events give it (<c>State</c>), beside the status
/// the record carries. <c>IdleOn</c>: the first day of its idle spell, past or coming (null when no
/// idle rule applies); <c>IdleRule</c>: not_started or halted. <c>DevelopedAreaM2</c> and
/// <c>DevelopmentAreaM2</c> (the area to develop: the recorded one, else the parcel's) are what the
/// halted rule compares; <c>BuiltAreaRatio</c> is their rounded quotient, for display only.
/// </summary>
public sealed record ParcelState(
    string Code, string ParkCode, DateOnly Date, string? State, string RecordedStatus,
    DateOnly? IdleOn, string? IdleRule, int? DaysIdle, int? DaysUntilIdle,
    DateOnly? AgreedStartOn, DateOnly? ActualStartOn, string? StartEvidence, DateOnly? HaltedOn,
    decimal? DevelopedAreaM2, decimal? DevelopmentAreaM2, decimal? BuiltAreaRatio,
    double AreaMu, IReadOnlyList<ParcelEvent> Events);

/// <summary>The lifecycle at /api/lifecycle and a parcel's state at /api/parcels/{code}/state.</summary>
public static class LifecycleApi
{
    /// <summary>Registers the idle rules (settings under LandMap:Idle).</summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services) => services.AddSettings<IdleRules>(IdleRules.Section);

    /// <summary>Maps /api/lifecycle, /api/parcels/states and /api/parcels/{code}/state.</summary>
    public static IEndpointRouteBuilder MapLifecycleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/lifecycle", Terms).WithTags("Lifecycle").WithName("lifecycle").ReadsFromReplica()
            .WithSummary("The parcel lifecycle as data: states (批而未供, 供而未用, 闲置...) and event kinds with Chinese and English names");
        ParcelStatesApi.Map(app);
        ParcelTotalsApi.Map(app);
        ParcelsShownApi.Map(app);
        app.MapGet("/api/parcels/{code}/state", StateOn).WithTags("Lifecycle").WithName("parcelState").ReadsFromReplica().ReadsCollections(CollectionCatalog.Parcels.Id)
            .WithSummary("A parcel's state on a date (default today), computed from its dates and events, with its idle date and rule")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<LifecycleTerms>> Terms(ReadDataSource reads, HttpContext http, CancellationToken ct)
    {
        var db = await reads.ForAsync(http, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(new LifecycleTerms(await ReadTermsAsync(conn, LifecycleSql.StateNames, ct),
            await ReadTermsAsync(conn, LifecycleSql.EventKinds, ct)));
    }

    /// <summary>Rows of (code, name_zh, name_en).</summary>
    internal static async Task<List<LifecycleTerm>> ReadTermsAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var terms = new List<LifecycleTerm>();
        while (await r.ReadAsync(ct)) terms.Add(new(r.GetString(0), r.GetString(1), r.GetString(2)));
        return terms;
    }

    private static async Task<Ok<ParcelState>> StateOn(string code, string? date, ReadDataSource reads, HttpContext http,
        IdleRules rules, CancellationToken ct)
    {
        var d = ReportParameters.Date("date", date);
        var db = await reads.ForAsync(http, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        cmd.CommandText = LifecycleSql.ParcelState(new SqlParameters(cmd), rules, code, d);
        long id;
        ParcelState state;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) throw new NotFoundException($"no parcel with code '{code}'");
            id = r.GetInt64(0);
            DateOnly? Date(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
            decimal? Decimal(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
            var idleOn = Date(5);
            state = new ParcelState(r.GetString(1), r.GetString(2), d, r.IsDBNull(4) ? null : r.GetString(4), r.GetString(3),
                idleOn, r.IsDBNull(6) ? null : r.GetString(6),
                idleOn <= d ? d.DayNumber - idleOn.Value.DayNumber : null,
                idleOn > d ? idleOn.Value.DayNumber - d.DayNumber : null,
                Date(7), Date(8), r.IsDBNull(12) ? null : r.GetString(12), Date(9),
                Decimal(13), Math.Round(r.GetDecimal(14), 2), Decimal(10),
                Math.Round(r.GetDouble(11) / LandArea.SquareMetresPerMu, 2), []);
        }
        await using var events = new NpgsqlCommand(LifecycleSql.Events, conn);
        events.Parameters.Add(new() { Value = id });
        var list = new List<ParcelEvent>();
        await using (var r = await events.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                list.Add(new(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.IsDBNull(2) ? null : r.GetString(2)));
        return TypedResults.Ok(state with { Events = list });
    }
}
