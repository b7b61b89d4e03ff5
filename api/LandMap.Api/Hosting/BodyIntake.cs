using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;

namespace LandMap.Api.Hosting;

/// <summary>What an endpoint's request body is, which decides how it is taken in.</summary>
public enum BodyKind
{
    /// <summary>A zone query: JSON, read whole before the request is served, at most <see cref="RequestLimits.MaxQueryBodyBytes"/>.</summary>
    Query,
    /// <summary>An edit or a token: JSON, read whole before the request is served, at most <see cref="RequestLimits.MaxJsonBodyBytes"/>.</summary>
    Json,
    /// <summary>An upload: streamed to disk by the endpoint, under the uploads' own slots (see RateLimits).</summary>
    Upload,
}

/// <summary>Endpoint metadata: the kind of body the endpoint reads and the media types it accepts.
/// Not <c>IAcceptsMetadata</c>: routing would answer a bare 415 itself, naming nothing.</summary>
public sealed class RequestBodyMetadata(BodyKind kind, string[] mediaTypes)
{
    public BodyKind Kind { get; } = kind;
    public IReadOnlyList<string> ContentTypes { get; } = mediaTypes;

    /// <summary>A Content-Type the endpoint takes (no Content-Type: the endpoint decides).</summary>
    public bool Accepts(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var media)
            && ContentTypes.Contains(media.MediaType.Value ?? "", StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// Takes request bodies in before the request takes one of the service's slots (it runs before the
/// rate limiter): a client sending slowly then holds only its own connection. Refuses a media type
/// the endpoint does not accept (415 naming the accepted ones); reads a JSON body whole into memory
/// under its size bound (checked against Content-Length first, then while reading a chunked body),
/// its deadline and the vertex bound (counted as the bytes arrive), then hands it to the endpoint.
/// Bodies arriving slower than <see cref="RequestLimits.MinBodyBytesPerSecond"/> are cut by Kestrel.
/// </summary>
public static class BodyIntake
{
    /// <summary>Marks the endpoint as reading a body of <paramref name="kind"/> in one of <paramref name="mediaTypes"/>.</summary>
    public static TBuilder TakesBody<TBuilder>(this TBuilder builder, BodyKind kind, params string[] mediaTypes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyMetadata(kind, mediaTypes));

    /// <summary>Kestrel's minimum body rate from <see cref="RequestLimits"/>.</summary>
    public static IServiceCollection AddBodyIntake(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<RequestLimits>((kestrel, limits) =>
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinBodyBytesPerSecond, TimeSpan.FromSeconds(limits.BodyGraceSeconds)));
        return services;
    }

    /// <summary>Before the rate limits: see the class.</summary>
    public static WebApplication UseBodyIntake(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<RequestBodyMetadata>() is { } body && HasBody(http))
            {
                if (!body.Accepts(http.Request.ContentType))
                {
                    await UnsupportedAsync(http, body);
                    return;
                }
                // Edits and tokens need a token: an anonymous one is refused (401) without its body being read,
                // so only clients with a token make the service hold a 16 MB body ahead.
                if (body.Kind == BodyKind.Query || (body.Kind == BodyKind.Json && http.User.Identity?.IsAuthenticated == true))
                    await BufferAsync(http, body.Kind, http.RequestServices.GetRequiredService<RequestLimits>());
            }
            await next(http);
        });
        return app;
    }

    private static bool HasBody(HttpContext http) =>
        http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? http.Request.ContentLength > 0;

    private static async Task BufferAsync(HttpContext http, BodyKind kind, RequestLimits limits)
    {
        var (max, setting) = kind == BodyKind.Query
            ? (limits.MaxQueryBodyBytes, nameof(RequestLimits.MaxQueryBodyBytes))
            : (limits.MaxJsonBodyBytes, nameof(RequestLimits.MaxJsonBodyBytes));
        if (http.Request.ContentLength > max) throw TooLarge(max, setting);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(limits.JsonBodyDeadlineSeconds));
        var buffer = new MemoryStream((int)Math.Min(http.Request.ContentLength ?? 16 * 1024, max));
        var vertices = kind == BodyKind.Query ? new JsonVertexCounter(limits) : null; // edits: the validator's per-feature report
        var chunk = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await http.Request.Body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + n > max) throw TooLarge(max, setting);
                buffer.Write(chunk, 0, n);
                vertices?.Feed(chunk.AsSpan(0, n));
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            var name = RequestLimits.Name(nameof(RequestLimits.JsonBodyDeadlineSeconds));
            throw new LimitExceededException("body", name, limits.JsonBodyDeadlineSeconds,
                $"the body did not arrive within {limits.JsonBodyDeadlineSeconds} s ({name}); send it faster",
                StatusCodes.Status408RequestTimeout);
        }
        buffer.Position = 0;
        http.Request.Body = buffer;
        http.Response.RegisterForDispose(buffer);
    }

    private static LimitExceededException TooLarge(long max, string setting) =>
        new("body", RequestLimits.Name(setting), max, $"the body is larger than {max} bytes ({RequestLimits.Name(setting)})",
            StatusCodes.Status413PayloadTooLarge);

    private static ValueTask UnsupportedAsync(HttpContext http, RequestBodyMetadata body)
    {
        return Problem.WriteAsync(http, Problem.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"Content-Type '{http.Request.ContentType}' is not accepted here; send one of {string.Join(", ", body.ContentTypes)}",
            [new("parameter", "Content-Type"), new("accepted", body.ContentTypes)]));
    }
}
