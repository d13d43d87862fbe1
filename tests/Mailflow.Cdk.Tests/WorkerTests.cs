using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace Mailflow.Cdk.Tests;

public sealed class WorkerTests
{
    private static Synthesized Dev => TestStacks.Dev;

    private static string LogicalIdOfQueue(string name) =>
        Dev.Resources("AWS::SQS::Queue").Single(q => (string?)Synthesized.Properties(q.Value)["QueueName"] == name).Key;

    [Fact]
    public void The_worker_is_the_arm64_bootstrap_bundle_on_provided_al2023()
    {
        Dev.Template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Runtime"] = "provided.al2023",
            ["Architectures"] = new[] { "arm64" },
            ["Handler"] = "bootstrap",
            ["Timeout"] = 60,
        }));
    }

    [Fact]
    public void Every_SQS_mapping_targets_the_live_alias_and_reports_batch_item_failures()
    {
        var alias = Dev.Resources("AWS::Lambda::Alias").Single(a => a.Key == Dev.LogicalId(Dev.Stack.Worker.Alias));
        Assert.Equal("live", (string?)Synthesized.Properties(alias.Value)["Name"]);
        var mappings = Dev.Resources("AWS::Lambda::EventSourceMapping").Values.Select(Synthesized.Properties).ToList();

        Assert.Equal(2, mappings.Count);
        Assert.All(mappings, m =>
        {
            // {"Fn::Join": ["", [{"Fn::Select": [6, {"Fn::Split": [":", {"Ref": alias}]}]}, ":live"]]}: the alias's qualified name.
            var parts = m["FunctionName"]!["Fn::Join"]![1]!.AsArray();
            Assert.Equal(alias.Key, Synthesized.Target(parts[0]!["Fn::Select"]![1]!["Fn::Split"]![1]));
            Assert.Equal(":live", (string?)parts[1]);
            Assert.Equal(["ReportBatchItemFailures"], m["FunctionResponseTypes"]!.AsArray().Select(t => (string?)t));
            Assert.Equal(10, (int)m["BatchSize"]!);
            Assert.True((int)m["MaximumBatchingWindowInSeconds"]! > 0);
            Assert.True((bool)m["Enabled"]!);
        });
    }

    [Fact]
    public void The_worker_consumes_inbound_and_outbound_with_capped_concurrency()
    {
        var mappings = Dev.Resources("AWS::Lambda::EventSourceMapping").Values.Select(Synthesized.Properties)
            .ToDictionary(m => Synthesized.Target(m["EventSourceArn"]), m => (int)m["ScalingConfig"]!["MaximumConcurrency"]!);

        Assert.Equal(10, mappings[LogicalIdOfQueue("mailflow-dev-inbound")]);
        Assert.Equal(2, mappings[LogicalIdOfQueue("mailflow-dev-outbound")]);
    }

    [Fact]
    public void A_paused_worker_keeps_its_mappings_but_disables_them()
    {
        var paused = TestStacks.Synthesize("dev", new Dictionary<string, object> { ["workerPaused"] = true });

        Assert.All(paused.Resources("AWS::Lambda::EventSourceMapping").Values, m => Assert.False((bool)Synthesized.Properties(m)["Enabled"]!));
    }

    [Fact]
    public void The_worker_environment_carries_the_function_settings_contract()
    {
        var variables = Synthesized.Properties(Dev.WorkerFunction)["Environment"]!["Variables"]!.AsObject();

        Assert.Equal(TestStacks.RepositoryConfig().Json, (string?)variables["MAILFLOW_CONFIG"]);
        Assert.Equal("dev", (string?)variables["MAILFLOW_ENV"]);
        Assert.Equal(Dev.Resources("AWS::DynamoDB::Table").Single().Key, Synthesized.Target(variables["MAILFLOW_TABLE"]));
        Assert.Equal(Dev.Stack.State.AttachmentsBucket.Node.DefaultChild is Amazon.CDK.CfnElement bucket ? Dev.Stack.GetLogicalId(bucket) : null,
            Synthesized.Target(variables["MAILFLOW_ATTACHMENT_BUCKET"]));
        // The HTTP API's endpoint (https://{id}.execute-api.{region}.amazonaws.com), resolved at deploy time.
        Assert.Equal(Dev.LogicalId(Dev.Stack.Api.HttpApi), Synthesized.Target(variables["MAILFLOW_API_URL"]));
        Assert.Equal("ApiEndpoint", (string?)variables["MAILFLOW_API_URL"]!["Fn::GetAtt"]![1]);
        // A Secrets Manager dynamic reference, resolved by CloudFormation: the template holds no key.
        var key = variables["MAILFLOW_LINK_SIGNING_KEY"]!["Fn::Join"]![1]!.AsArray();
        Assert.Equal("{{resolve:secretsmanager:", (string?)key[0]);
        Assert.Equal(Dev.Resources("AWS::SecretsManager::Secret").Single().Key, Synthesized.Target(key[1]));
    }

    [Fact]
    public void The_worker_may_send_only_as_the_configured_domains()
    {
        var ses = Statements().Where(s => s["Action"]!.ToJsonString().Contains("ses:", StringComparison.Ordinal)).ToList();

        var statement = Assert.Single(ses);
        Assert.Equal("arn:aws:ses:eu-west-1:111111111111:identity/example.com", (string?)statement["Resource"]);
    }

    [Fact]
    public void The_worker_sends_to_the_app_and_quarantine_queues_and_the_DLQs_of_what_it_consumes()
    {
        var sendTargets = Statements()
            .Where(s => s["Action"]!.ToJsonString().Contains("\"sqs:SendMessage\"", StringComparison.Ordinal))
            .SelectMany(s => s["Resource"]!.AsArray().Select(Synthesized.Target))
            .ToHashSet();

        string[] expected = ["mailflow-dev-app1", "mailflow-dev-app2", "mailflow-dev-quarantine", "mailflow-dev-inbound-dlq", "mailflow-dev-outbound-dlq"];
        Assert.Equal(expected.Select(LogicalIdOfQueue).ToHashSet(), sendTargets);
    }

    [Fact]
    public void An_apps_extra_address_at_another_domain_adds_that_domains_identity_but_a_wildcard_domain_adds_none()
    {
        var config = TestStacks.RepositoryConfig() with
        {
            Apps = [new() { Name = "billing", Addresses = ["billing@acme.test", "invoices-*@acme.test", "x@*.wild.test"] }],
        };

        var stack = new Synthesized(TestStacks.WithConfig(config));

        var ses = Assert.Single(Statements(stack), s => s["Action"]!.ToJsonString().Contains("ses:", StringComparison.Ordinal));
        Assert.Equal(["arn:aws:ses:eu-west-1:111111111111:identity/acme.test", "arn:aws:ses:eu-west-1:111111111111:identity/example.com"],
            ses["Resource"]!.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<JsonObject> Statements(Synthesized? stack = null) =>
        (stack ?? Dev).Resources("AWS::IAM::Policy").Where(p => p.Key.StartsWith("WorkerRole", StringComparison.Ordinal)).Select(p => p.Value)
            .SelectMany(p => Synthesized.Properties(p)["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()));
}
