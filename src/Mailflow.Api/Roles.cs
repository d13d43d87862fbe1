namespace Mailflow.Api;

/// <summary>The values of the <c>roles</c> claim; each role includes the ones before it (admin ⊇ operator ⊇ viewer).</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string ClaimType = "roles";
}
