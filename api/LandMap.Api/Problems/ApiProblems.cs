namespace LandMap.Api.Problems;

/// <summary>An error a client caused or can act on; rendered as RFC 9457 problem+json.</summary>
public abstract class ApiProblemException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
}

/// <summary>A query parameter that cannot be used as given; names the parameter.</summary>
public sealed class InvalidParameterException(string parameter, string detail)
    : ApiProblemException("Invalid parameter", detail)
{
    public string Parameter { get; } = parameter;
}

/// <summary>A collection or feature that does not exist.</summary>
public sealed class NotFoundException(string detail) : ApiProblemException("Not found", detail);

/// <summary>The one map from error type to HTTP status (as tipg's errors.py keeps it).</summary>
public static class ProblemStatus
{
    private static readonly Dictionary<Type, int> Codes = new()
    {
        [typeof(InvalidParameterException)] = StatusCodes.Status400BadRequest,
        [typeof(NotFoundException)] = StatusCodes.Status404NotFound,
    };

    public static int For(Exception ex) =>
        Codes.TryGetValue(ex.GetType(), out var status) ? status : StatusCodes.Status500InternalServerError;
}
