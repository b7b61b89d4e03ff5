using System.Security.Claims;

namespace LandMap.Api.Auth;

/// <summary>
/// What tokens a token may manage: only those within its own reach, so that narrowing a token
/// really narrows it. A token's reach is its role (viewer &lt; surveyor &lt; admin) and its
/// collections (none listed = every collection). A token narrowed to roads may mint, see and revoke
/// tokens narrowed to roads (or fewer) with a role no stronger than its own; only an unrestricted
/// admin manages unrestricted tokens. Otherwise an admin narrowed to one collection could mint an
/// unrestricted admin and undo its own narrowing.
/// </summary>
public static class TokenAuthority
{
    /// <summary>Why <paramref name="manager"/> may not manage a token of <paramref name="role"/> over
    /// <paramref name="collections"/> (null: every collection); null when it may.</summary>
    public static string? Refusal(ClaimsPrincipal manager, string role, IReadOnlyCollection<string>? collections)
    {
        var ownRole = Access.RoleOf(manager);
        var ownRank = Array.IndexOf(Roles.All, ownRole);
        var wantedRank = Array.IndexOf(Roles.All, role);
        // An unknown role on either side is never within reach.
        if (ownRank < 0 || wantedRank < 0 || wantedRank > ownRank)
            return $"a {ownRole} token may not manage {role} tokens";
        var own = Access.CollectionsOf(manager);
        if (own.Length == 0) return null;
        if (collections is null || collections.Count == 0)
            return $"a token limited to the collections {string.Join(", ", own)} may not manage a token for every collection";
        var outside = collections.Where(c => !own.Contains(c, StringComparer.Ordinal)).ToArray();
        return outside.Length == 0 ? null
            : $"a token limited to the collections {string.Join(", ", own)} may not manage a token for {string.Join(", ", outside)}";
    }

    /// <summary>Whether <paramref name="manager"/> may manage <paramref name="token"/> (list, revoke).</summary>
    public static bool MayManage(ClaimsPrincipal manager, TokenRecord token) =>
        Refusal(manager, token.Role, token.Collections) is null;
}
