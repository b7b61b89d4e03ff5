namespace LandMap.Api.Auth;

/// <summary>The three roles, weakest first: viewer reads, surveyor also uploads and edits,
/// admin also manages tokens and deletes.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Surveyor = "surveyor";
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Surveyor, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>The authorization policies: read (anyone when anonymous read is on, else any token),
/// write (surveyor or admin), admin.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
}

/// <summary>The claims a token's principal carries.</summary>
public static class TokenClaims
{
    /// <summary>The token's id ("config" for the bootstrap token of LandMap:WriteToken).</summary>
    public const string TokenId = "landmap:token";

    /// <summary>One claim per collection the token is narrowed to; none = every collection.</summary>
    public const string Collection = "landmap:collection";
}
