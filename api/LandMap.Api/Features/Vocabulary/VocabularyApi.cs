using System.Security.Cryptography;
using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LandMap.Api.Features.Vocabulary;

/// <summary>The zone's vocabulary at /api/vocabulary: what the map reads at start for its legends,
/// labels and colours, so no list of states or codes lives in the page.</summary>
public static class VocabularyApi
{
    /// <summary>Maps /api/vocabulary.</summary>
    public static IEndpointRouteBuilder MapVocabularyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/vocabulary", Read).WithTags("Vocabulary").WithName("vocabulary").ReadsFromReplica()
            .WithSummary("Every coded value of the zone (parcel states, event kinds, project stages, road and river states, land-use codes...) with Chinese and English names, map colours and legend order, as the database holds them")
            .Produces<ZoneVocabulary>().Produces(StatusCodes.Status304NotModified);
        return app;
    }

    private static async Task<IResult> Read(ReadDataSource reads, HttpContext http, HttpCaching caching,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var db = await reads.ForAsync(http, ct);
        var vocabulary = await VocabularyReader.ReadAsync(db, ct);
        var body = JsonSerializer.SerializeToUtf8Bytes(vocabulary, json.Value.SerializerOptions);
        // The tag is the content's hash: a changed row changes it, nothing else does.
        var etag = $"\"vocabulary-{Convert.ToHexStringLower(SHA256.HashData(body))[..20]}\"";
        if (caching.IsNotModified(http, etag, weak: true)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(body, "application/json");
    }
}
