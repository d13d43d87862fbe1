using Mailflow.Aws.Ses;

namespace Mailflow.Aws.Tests.Ses;

public sealed class SesMessageIdsTests
{
    [Theory]
    [InlineData("us-east-1", "0100017d41d36138-496e8b33-5be4-4f63-9316-3e7be15c2fe2-000000@email.amazonses.com")]
    [InlineData("eu-west-1", "0100017d41d36138-496e8b33-5be4-4f63-9316-3e7be15c2fe2-000000@eu-west-1.amazonses.com")]
    [InlineData("EU-West-1", "0100017d41d36138-496e8b33-5be4-4f63-9316-3e7be15c2fe2-000000@eu-west-1.amazonses.com")]
    public void Rewritten_uses_the_regional_amazonses_domain_and_email_in_us_east_1(string region, string expected) =>
        Assert.Equal(expected, SesMessageIds.Rewritten("0100017d41d36138-496e8b33-5be4-4f63-9316-3e7be15c2fe2-000000", region));
}
