using System.Text.Json.Nodes;

namespace Mailflow.Cdk.Tests;

/// <summary>What the API function gets for its operator endpoints: the switches' targets, JWT and CORS settings, and least-privilege IAM.</summary>
public sealed class ApiOperationsTests
{
    private static Synthesized Dev => TestStacks.Dev;

    private static JsonObject Variables(Synthesized stack) =>
        Synthesized.Properties(stack.Json["Resources"]![stack.LogicalId(stack.Stack.Api.Function.Function)]!.AsObject())["Environment"]!["Variables"]!.AsObject();

    /// <summary>Every statement of the API role's policies, with its actions and resources as JSON text.</summary>
    private static List<(List<string> Actions, List<string> Resources)> ApiStatements(Synthesized stack)
    {
        var role = stack.LogicalId(stack.Stack.Api.Function.Role);
        return stack.Resources("AWS::IAM::Policy").Values.Select(Synthesized.Properties)
            .Where(p => p["Roles"]!.AsArray().Any(r => Synthesized.Target(r) == role))
            .SelectMany(p => p["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!.AsObject())
            .Select(s => (
                Actions: (s["Action"] is JsonArray a ? a.Select(x => (string)x!) : [(string)s["Action"]!]).ToList(),
                Resources: (s["Resource"] is JsonArray r ? r.Select(x => x!.ToJsonString()) : [s["Resource"]!.ToJsonString()]).ToList()))
            .ToList();
    }

    /// <summary>The resources (as JSON text) every statement granting <paramref name="action"/> names.</summary>
    private static List<string> ResourcesOf(string action) =>
        ApiStatements(Dev).Where(s => s.Actions.Contains(action)).SelectMany(s => s.Resources).Distinct().ToList();

    private static string Arn(Amazon.CDK.AWS.SQS.Queue queue) => new JsonObject { ["Fn::GetAtt"] = new JsonArray(Dev.LogicalId(queue), "Arn") }.ToJsonString();

    [Fact]
    public void The_API_function_knows_the_inbound_mapping_the_rule_set_the_rule_and_the_raw_mail_bucket()
    {
        var variables = Variables(Dev);
        var mapping = Dev.Resources("AWS::Lambda::EventSourceMapping")
            .Single(m => Synthesized.Target(Synthesized.Properties(m.Value)["EventSourceArn"]) == Dev.LogicalId(Dev.Stack.Queues.Inbound.Queue)).Key;

        Assert.Equal(mapping, Synthesized.Target(variables["MAILFLOW_INBOUND_MAPPING_ID"]));
        Assert.Equal("mailflow-dev", (string?)variables["MAILFLOW_RECEIPT_RULE_SET"]);
        Assert.Equal("mailflow-dev-inbound", (string?)variables["MAILFLOW_RECEIPT_RULE"]);
        Assert.Equal(Dev.LogicalId(Dev.Stack.Inbound.RawMailBucket), Synthesized.Target(variables["MAILFLOW_RAW_BUCKET"]));
        // The worker needs none of them.
        Assert.Null(Synthesized.Properties(Dev.WorkerFunction)["Environment"]!["Variables"]!["MAILFLOW_INBOUND_MAPPING_ID"]);
    }

    [Fact]
    public void The_API_function_validates_tokens_of_the_environments_issuer_audience_and_JWKS_and_allows_the_dashboard_origin()
    {
        var variables = Variables(Dev);

        Assert.Equal("https://login-dev.example.com/", (string?)variables["MAILFLOW_JWT_ISSUER"]);
        Assert.Equal("mailflow-api", (string?)variables["MAILFLOW_JWT_AUDIENCE"]);
        Assert.Equal("https://login-dev.example.com/.well-known/jwks.json", (string?)variables["MAILFLOW_JWKS_URL"]);
        Assert.Equal("https://mailflow-dev.example.com", (string?)variables["MAILFLOW_DASHBOARD_ORIGIN"]);
    }

    [Fact]
    public void Without_jwtJwksUrl_the_JWKS_is_the_issuers_well_known_path_and_a_non_https_one_fails_synth()
    {
        var stack = TestStacks.Synthesize("staging", new Dictionary<string, object> { ["jwtJwksUrl"] = "" });

        Assert.Equal("https://login-staging.example.com/.well-known/jwks.json", (string?)Variables(stack)["MAILFLOW_JWKS_URL"]);
        var error = Assert.Throws<InvalidOperationException>(() => TestStacks.Synthesize("dev", new Dictionary<string, object> { ["jwtJwksUrl"] = "http://keys.example.com/jwks" }));
        Assert.Contains("environments.dev.jwtJwksUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_roles_claim_of_cdk_json_reaches_the_API_function_and_without_it_the_config_decides()
    {
        var stack = TestStacks.Synthesize("staging", new Dictionary<string, object> { ["jwtRolesClaim"] = "realm_access.roles" });

        Assert.Equal("realm_access.roles", (string?)Variables(stack)["MAILFLOW_JWT_ROLES_CLAIM"]);
        Assert.False(Variables(Dev).ContainsKey("MAILFLOW_JWT_ROLES_CLAIM"));
    }

    [Theory]
    [InlineData("realm_access..roles")]
    [InlineData("cognito groups")]
    [InlineData("")]
    public void A_roles_claim_that_is_not_a_claim_name_or_dotted_path_fails_synth_naming_the_key(string claim)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestStacks.Synthesize("dev", new Dictionary<string, object> { ["jwtRolesClaim"] = claim }));

        Assert.Contains("environments.dev.jwtRolesClaim", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pause_and_resume_may_read_and_update_the_inbound_mapping_only()
    {
        var resources = ResourcesOf("lambda:UpdateEventSourceMapping");

        Assert.Equal(resources, ResourcesOf("lambda:GetEventSourceMapping"));
        var arn = Assert.Single(resources);
        var mapping = Dev.Resources("AWS::Lambda::EventSourceMapping")
            .Single(m => Synthesized.Target(Synthesized.Properties(m.Value)["EventSourceArn"]) == Dev.LogicalId(Dev.Stack.Queues.Inbound.Queue)).Key;
        Assert.Contains(":event-source-mapping:", arn, StringComparison.Ordinal);
        Assert.Contains($"\"Ref\":\"{mapping}\"", arn, StringComparison.Ordinal);
    }

    [Fact]
    public void Disable_and_enable_may_describe_and_update_receipt_rules_which_only_star_can_name()
    {
        Assert.Equal(["\"*\""], ResourcesOf("ses:UpdateReceiptRule"));
        Assert.Equal(["\"*\""], ResourcesOf("ses:DescribeReceiptRule"));
        Assert.DoesNotContain(ApiStatements(Dev), s => s.Resources.Contains("\"*\"") && s.Actions.Any(a => !a.StartsWith("ses:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Queue_permissions_follow_what_each_endpoint_does()
    {
        var queues = Dev.Stack.Queues.All.ToList();
        var sources = queues.Select(q => Arn(q.Queue)).Order(StringComparer.Ordinal).ToList();
        var deadLetters = queues.Select(q => Arn(q.DeadLetterQueue)).Order(StringComparer.Ordinal).ToList();
        var every = sources.Concat(deadLetters).Order(StringComparer.Ordinal).ToList();

        foreach (var action in (string[])["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:PurgeQueue"])
        {
            Assert.Equal(every, ResourcesOf(action).Order(StringComparer.Ordinal));
        }
        // Browsing receives from dead-letter queues only; redrive's move task also deletes there.
        foreach (var action in (string[])["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks"])
        {
            Assert.Equal(deadLetters, ResourcesOf(action).Order(StringComparer.Ordinal));
        }
        // Redrive destinations, replay and test mails: the source queues, never a DLQ.
        Assert.Equal(sources, ResourcesOf("sqs:SendMessage").Order(StringComparer.Ordinal));
        Assert.Contains(Arn(Dev.Stack.Queues.Inbound.Queue), sources);
        Assert.Contains(Arn(Dev.Stack.Queues.Outbound.Queue), sources);
    }

    [Fact]
    public void Raw_mail_may_be_read_and_written_under_raw_only_attachments_read_and_both_buckets_listed()
    {
        var raw = Dev.LogicalId(Dev.Stack.Inbound.RawMailBucket);
        var attachments = Dev.LogicalId(Dev.Stack.State.AttachmentsBucket);

        Assert.Equal(ResourcesOf("s3:PutObject"), [.. ResourcesOf("s3:PutObject").Where(r => r.Contains(raw, StringComparison.Ordinal) && r.Contains("/raw/*", StringComparison.Ordinal))]);
        Assert.Single(ResourcesOf("s3:PutObject"));
        Assert.Contains(ResourcesOf("s3:GetObject"), r => r.Contains(raw, StringComparison.Ordinal) && r.Contains("/raw/*", StringComparison.Ordinal));
        Assert.Contains(ResourcesOf("s3:GetObject"), r => r.Contains(attachments, StringComparison.Ordinal));
        string[] buckets = [new JsonObject { ["Fn::GetAtt"] = new JsonArray(raw, "Arn") }.ToJsonString(),
            new JsonObject { ["Fn::GetAtt"] = new JsonArray(attachments, "Arn") }.ToJsonString()];
        Assert.Equal(buckets.Order(StringComparer.Ordinal), ResourcesOf("s3:ListBucket").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_ledger_may_be_read_and_written_on_the_table_and_every_index_but_never_deleted_or_scanned()
    {
        var table = Dev.LogicalId(Dev.Stack.State.Table);

        foreach (var action in Features.Api.LedgerActions)
        {
            var resources = ResourcesOf(action);
            Assert.Contains(new JsonObject { ["Fn::GetAtt"] = new JsonArray(table, "Arn") }.ToJsonString(), resources);
            Assert.Contains(resources, r => r.Contains(table, StringComparison.Ordinal) && r.Contains("/index/*", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(ApiStatements(Dev).SelectMany(s => s.Actions), a => a is "dynamodb:DeleteItem" or "dynamodb:Scan" or "dynamodb:BatchWriteItem");
    }
}
