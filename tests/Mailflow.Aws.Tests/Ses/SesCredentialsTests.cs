using Mailflow.Aws.Ses;

namespace Mailflow.Aws.Tests.Ses;

/// <summary>Changes process environment variables, so it runs alone (<see cref="EnvironmentCollection"/>).</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SesCredentialsTests
{
    [Fact]
    public async Task The_default_chain_reads_a_Lambda_roles_credentials_from_the_environment_session_token_included()
    {
        string[] names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "ASIAENVEXAMPLE");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "env-secret");
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "env-session-token");

            var credentials = await SesCredentials.DefaultChain()(CancellationToken.None);

            Assert.Equal("ASIAENVEXAMPLE", credentials.AccessKey);
            Assert.Equal("env-secret", credentials.SecretKey);
            Assert.True(credentials.UseToken);
            Assert.Equal("env-session-token", credentials.Token);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
