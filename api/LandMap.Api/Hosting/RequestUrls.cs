namespace LandMap.Api.Hosting;

/// <summary>URLs of the request as the client made it.</summary>
internal static class RequestUrls
{
    /// <summary>The service's base URL as the client reached it, e.g. http://127.0.0.1:5080.</summary>
    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
