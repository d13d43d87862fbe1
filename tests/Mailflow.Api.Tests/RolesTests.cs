using Mailflow.Api.Auth;
using Mailflow.Testing.Auth;

namespace Mailflow.Api.Tests;

public sealed class RolesTests
{
    [Theory]
    [InlineData("viewer", "viewer", true)]
    [InlineData("viewer", "operator", false)]
    [InlineData("viewer", "admin", false)]
    [InlineData("operator", "viewer", true)]
    [InlineData("operator", "operator", true)]
    [InlineData("operator", "admin", false)]
    [InlineData("admin", "viewer", true)]
    [InlineData("admin", "operator", true)]
    [InlineData("admin", "admin", true)]
    [InlineData("superuser", "viewer", false)]
    public void A_role_allows_itself_and_the_roles_below_it(string held, string required, bool allowed) =>
        Assert.Equal(allowed, Roles.Allows(TestTokens.Principal(held), required));
}
