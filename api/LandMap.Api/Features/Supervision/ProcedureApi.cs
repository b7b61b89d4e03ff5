using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LandMap.Api.Features.Supervision;

/// <summary>One event of a parcel as listed, with the procedure's details.</summary>
public sealed record ParcelEventView(long Id, string Kind, string NameZh, string NameEn, DateOnly OccurredOn, string? DocumentNo,
    string? Cause, DateOnly? NewAgreedStartOn, DateOnly? NewAgreedCompletionOn, decimal? AmountWan, string? Note,
    DateTimeOffset RecordedAt, string? RecordedBy);

/// <summary>A step recorded: its id, the parcel's new version, and the parcel's state on the step's date after it.</summary>
public sealed record RecordedStep(long Id, string Code, ProcedureStep Step, int ParcelVersion, string? StateAfter);

/// <summary>
/// The idle-land procedure and the supply contract's changes as events of a parcel
/// (<c>/api/parcels/{code}/events</c>): listed by anyone who may read parcels, recorded by a
/// surveyor or admin whose token covers parcels, one step per request, in order, checked by
/// <see cref="ProcedureRules"/>. Events are never edited or deleted: a correction is a later step.
/// </summary>
public static class ProcedureApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/parcels/{code}/events").WithTags("Supervision");
        events.MapGet("", List).WithName("parcelEvents").ReadsFromReplica().ReadsCollections(CollectionCatalog.Parcels.Id)
            .WithSummary("A parcel's lifecycle and procedure events in order, with document numbers, causes, new agreed dates and amounts");
        events.MapPost("", Record).WithName("recordParcelEvent").Writes().DisableAntiforgery()
            .WithSummary("Record a step of the idle-land procedure or a supplementary agreement (surveyor or admin): 201, or 409 naming the rule it breaks")
            .TakesBody(BodyKind.Json, "application/json");
    }

    private static async Task<Ok<List<ParcelEventView>>> List(string code, HttpRequest request, ReadDataSource reads, CancellationToken ct)
    {
        var db = await reads.ForAsync(request.HttpContext, ct);
        var list = new List<ParcelEventView>();
        await using (var cmd = db.CreateCommand(ProcedureSql.List))
        {
            cmd.Parameters.Add(new() { Value = code });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                DateOnly? D(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
                list.Add(new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4), S(5), S(6),
                    D(7), D(8), r.IsDBNull(9) ? null : r.GetDecimal(9), S(10), r.GetFieldValue<DateTimeOffset>(11), S(12)));
            }
        }
        if (list.Count == 0)
        {
            await using var exists = db.CreateCommand(ProcedureSql.Exists);
            exists.Parameters.Add(new() { Value = code });
            if (await exists.ExecuteScalarAsync(ct) is not true) throw new NotFoundException($"no parcel with code '{code}'");
        }
        return TypedResults.Ok(list);
    }

    private static async Task<IResult> Record(string code, ProcedureStepBody body, HttpContext http, NpgsqlDataSource db, IdleRules rules)
    {
        if (await Access.CheckAsync(http, Policies.Write, CollectionCatalog.Parcels.Id) is { } refused) return refused;
        var ct = http.RequestAborted;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var vocabulary = await VocabularyCodes.LoadAsync(conn, tx, ct);
        var step = ProcedureRules.Parse(body, vocabulary.Of(VocabularyTables.EventKinds).ToHashSet(),
            vocabulary.Of(VocabularyTables.IdleCauses).ToHashSet(), ZoneClock.Today);

        var (id, facts) = await FactsAsync(conn, tx, rules, code, step.OccurredOn, ct);
        step = ProcedureRules.Check(step, facts);

        await using var insert = new NpgsqlCommand(ProcedureSql.Insert, conn, tx);
        object?[] values = [id, step.Kind, step.OccurredOn, step.DocumentNo, step.Cause, step.NewAgreedStartOn,
            step.NewAgreedCompletionOn, step.AmountWan, step.Note, Access.Actor(http)];
        foreach (var v in values) insert.Parameters.Add(new() { Value = v ?? DBNull.Value });
        long eventId;
        int version;
        await using (var r = await insert.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            (eventId, version) = (r.GetInt64(0), r.GetInt32(2));
        }
        var after = (await FactsAsync(conn, tx, rules, code, step.OccurredOn, ct)).Facts.State;
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/parcels/{Uri.EscapeDataString(code)}/events", new RecordedStep(eventId, code, step, version, after));
    }

    private static async Task<(long Id, ParcelFacts Facts)> FactsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IdleRules rules,
        string code, DateOnly date, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand { Connection = conn, Transaction = tx };
        cmd.CommandText = ProcedureSql.Facts(new SqlParameters(cmd), rules, code, date);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new NotFoundException($"no parcel with code '{code}'");
        DateOnly? D(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
        decimal? M(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
        return (r.GetInt64(0), new ParcelFacts(r.IsDBNull(1) ? null : r.GetString(1), D(2), D(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.GetBoolean(5), D(6), D(7), M(8), M(9), M(10), D(11)));
    }
}
