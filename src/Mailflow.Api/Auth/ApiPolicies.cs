using Microsoft.AspNetCore.Authorization;

namespace Mailflow.Api.Auth;

/// <summary>One authorization policy per role; every endpoint group requires at least <see cref="Viewer"/>.</summary>
public static class ApiPolicies
{
    public const string Viewer = Roles.Viewer;
    public const string Operator = Roles.Operator;
    public const string Admin = Roles.Admin;

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in Roles.All)
        {
            options.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => Roles.Allows(context.User, role)));
        }
    }
}
