using LandMap.Api.Data;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Api.Features.LandUse;

/// <summary>A GB/T 21010 land-use code with the standard it belongs to.</summary>
public sealed record LandUseCode(string Code, string Standard, string NameZh, string NameEn);

/// <summary>A first-level class (01 耕地 ... 12 其他土地) and its codes.</summary>
public sealed record LandUseClass(string ClassCode, string NameZh, string NameEn, IReadOnlyList<LandUseCode> Codes);

/// <summary>The code list that uploads and edits validate land_use against.</summary>
public sealed record LandUseCodeList(string? Standard, IReadOnlyList<LandUseClass> Classes);

/// <summary>The land-use code list (GB/T 21010-2017 and the 2007 codes for old data) at /api/land-use-codes.</summary>
public static class LandUseApi
{
    private static readonly Dictionary<string, string> Standards = new()
    {
        ["2017"] = "GB/T 21010-2017",
        ["2007"] = "GB/T 21010-2007",
        ["sandiao"] = "TD/T 1055-2019",
        ["2023"] = "用地用海分类指南-2023",
    };

    /// <summary>Maps /api/land-use-codes.</summary>
    public static IEndpointRouteBuilder MapLandUseApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/land-use-codes", Codes).WithTags("Land use").WithName("landUseCodes").ReadsFromReplica()
            .WithSummary("GB/T 21010 land-use codes grouped by class, with Chinese and English names (standard=2017|2007)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Ok<LandUseCodeList>> Codes(string? standard, ReadDataSource reads, HttpContext http, CancellationToken ct)
    {
        string? name = null;
        if (standard is not null && !Standards.TryGetValue(standard, out name))
            throw new InvalidParameterException("standard", $"standard must be {string.Join(", ", Standards.Keys)}; got '{standard}'");
        var db = await reads.ForAsync(http, ct);
        await using var cmd = db.CreateCommand(LandUseSql.CodesByClass);
        cmd.Parameters.Add(new() { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<(string Class, string Zh, string En, LandUseCode? Code)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                rows.Add((r.GetString(0), r.GetString(1), r.GetString(2),
                    r.IsDBNull(3) ? null : new(r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6))));
        }
        var classes = rows.GroupBy(x => (x.Class, x.Zh, x.En))
            .Select(g => new LandUseClass(g.Key.Class, g.Key.Zh, g.Key.En, [.. g.Where(x => x.Code is not null).Select(x => x.Code!)]))
            .ToList();
        return TypedResults.Ok(new LandUseCodeList(name, classes));
    }
}
