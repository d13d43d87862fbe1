using System.Security.Claims;

namespace Mailflow.Api.Auth;

/// <summary>
/// The values of the <c>roles</c> claim. Each role includes the ones below it (admin ⊇ operator ⊇ viewer), so a token
/// needs only its highest role. The claim may be a JSON array or a single string; each value becomes one claim.
/// </summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string ClaimType = "roles";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];

    /// <summary>True when the caller holds <paramref name="required"/> or a role above it.</summary>
    public static bool Allows(ClaimsPrincipal user, string required)
    {
        ArgumentNullException.ThrowIfNull(user);
        var needed = Rank(required);
        return user.FindAll(ClaimType).Any(claim => Rank(claim.Value) >= needed);
    }

    private static int Rank(string role) => role switch
    {
        Viewer => 1,
        Operator => 2,
        Admin => 3,
        _ => 0,
    };
}
