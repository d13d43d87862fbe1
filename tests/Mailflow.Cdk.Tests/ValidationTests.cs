using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Tests;

/// <summary>What cannot be deployed stops synth with an error naming it, never a warning.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("Invoices")]
    [InlineData("in.voices")]
    [InlineData("-invoices")]
    [InlineData("an-app-name-that-is-longer-than-forty-chars")]
    [InlineData("inbound")]
    [InlineData("billing-dlq")]
    public void An_app_name_that_is_not_a_valid_queue_name_part_fails_the_config_load(string name)
    {
        var json = $$"""{"domains": ["example.com"], "apps": [{"name": "{{name}}"}]}""";

        var error = Assert.Throws<InvalidOperationException>(() => ConfigFileLoader.Parse(json, "mailflow.json"));

        Assert.Contains("$.apps[0].name", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_app_name_that_is_not_a_valid_queue_name_part_fails_the_stack_even_past_the_loader()
    {
        var config = TestStacks.RepositoryConfig() with { Apps = [new AppEntry { Name = "bad.name" }] };

        var error = Assert.Throws<ArgumentException>(() => TestStacks.WithConfig(config));

        Assert.Contains("'bad.name' is not a valid app name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_five_receives_before_the_DLQ_fail_the_config_load()
    {
        const string Json = """{"domains": ["example.com"], "apps": [{"name": "a"}], "queues": {"maxReceiveCount": 3}}""";

        var error = Assert.Throws<InvalidOperationException>(() => ConfigFileLoader.Parse(Json, "mailflow.json"));

        Assert.Contains("$.queues.maxReceiveCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_apps_of_the_same_name_fail_the_config_load()
    {
        const string Json = """{"domains": ["example.com"], "apps": [{"name": "a"}, {"name": "a"}]}""";

        Assert.Contains("used twice", Assert.Throws<InvalidOperationException>(() => ConfigFileLoader.Parse(Json, "m.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_bundle_fails_synth_and_says_to_build_the_bundles()
    {
        var empty = Directory.CreateTempSubdirectory("mailflow-no-bundles-").FullName;

        var error = Assert.Throws<InvalidOperationException>(() => LambdaBundles.InRepository(empty));

        Assert.Contains("make lambda-arm64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_too_large_for_the_Lambda_environment_fails_the_stack()
    {
        var config = TestStacks.RepositoryConfig() with { Json = new string(' ', 4000) };

        var error = Assert.Throws<ArgumentException>(() => TestStacks.WithConfig(config));

        Assert.Contains("Lambda allows 4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_with_a_bad_account_email_or_retention_fails_with_every_problem_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestStacks.Synthesize("dev", new Dictionary<string, object>
        {
            ["account"] = "12345",
            ["alarmEmail"] = "nobody",
            ["logRetentionDays"] = 10,
        }));

        Assert.Contains("environments.dev.account", error.Message, StringComparison.Ordinal);
        Assert.Contains("environments.dev.alarmEmail", error.Message, StringComparison.Ordinal);
        Assert.Contains("environments.dev.logRetentionDays", error.Message, StringComparison.Ordinal);
    }
}
