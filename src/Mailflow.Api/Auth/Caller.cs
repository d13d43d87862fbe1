using System.Security.Claims;

namespace Mailflow.Api.Auth;

/// <summary>Who is calling, as the audit trail and redaction need it.</summary>
public static class Caller
{
    /// <summary>The token's subject (<c>sub</c>; tokens without one are refused, <see cref="BearerChallenges.TokenValidatedAsync"/>).</summary>
    public static string Subject(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst("sub")?.Value is { Length: > 0 } subject ? subject : "unknown";
    }

    /// <summary>Addresses are personal data: only admins see them in full (issue 7).</summary>
    public static bool SeesAddresses(ClaimsPrincipal user) => Roles.Allows(user, Roles.Admin);
}
