namespace Mailflow.Cdk.Configuration;

/// <summary><c>api</c> of mailflow.json, as far as the stack needs it: the claim the page reads roles from.</summary>
public sealed record ApiSettings
{
    /// <summary>The claim holding the roles (a dotted path for nested claims); cdk.json's <c>jwtRolesClaim</c> overrides it.</summary>
    public string RolesClaim { get; init; } = "roles";
}
