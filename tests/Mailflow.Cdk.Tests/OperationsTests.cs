using System.Text.Json.Nodes;

namespace Mailflow.Cdk.Tests;

/// <summary>Rollback path (a): CodeDeploy shifts each live alias as a canary and moves it back when its alarms fire.</summary>
public sealed class OperationsTests
{
    private static Synthesized Dev => TestStacks.Dev;

    private static JsonObject Group(Amazon.CDK.AWS.CodeDeploy.LambdaDeploymentGroup group) =>
        Synthesized.Properties(Dev.Json["Resources"]![Dev.LogicalId(group)]!.AsObject());

    public static TheoryData<string> Functions => new() { "worker", "api" };

    private static (JsonObject Group, string[] Alarms, string Alias) Of(string function) => function == "worker"
        ? (Group(Dev.Stack.Operations.WorkerDeployment), Dev.Stack.Worker.Alarms.Select(Dev.LogicalId).ToArray(), Dev.LogicalId(Dev.Stack.Worker.Alias))
        : (Group(Dev.Stack.Operations.ApiDeployment), Dev.Stack.Api.Alarms.Select(Dev.LogicalId).ToArray(), Dev.LogicalId(Dev.Stack.Api.Alias));

    [Fact]
    public void There_is_one_deployment_group_per_function()
    {
        Assert.Equal(2, Dev.Resources("AWS::CodeDeploy::DeploymentGroup").Count);
        Assert.Equal("Lambda", (string?)Synthesized.Properties(Dev.Resources("AWS::CodeDeploy::Application").Values.Single())["ComputePlatform"]);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_deployment_group_shifts_ten_percent_for_five_minutes_and_rolls_back_on_its_alarms(string function)
    {
        var (group, alarms, _) = Of(function);

        Assert.Equal("CodeDeployDefault.LambdaCanary10Percent5Minutes", (string?)group["DeploymentConfigName"]);
        var rollback = group["AutoRollbackConfiguration"]!;
        Assert.True((bool)rollback["Enabled"]!);
        Assert.Contains("DEPLOYMENT_STOP_ON_ALARM", rollback["Events"]!.AsArray().Select(e => (string?)e));
        Assert.Contains("DEPLOYMENT_FAILURE", rollback["Events"]!.AsArray().Select(e => (string?)e));
        Assert.True((bool)group["AlarmConfiguration"]!["Enabled"]!);
        Assert.NotEmpty(alarms);
        Assert.Equal(alarms.Order(StringComparer.Ordinal),
            group["AlarmConfiguration"]!["Alarms"]!.AsArray().Select(a => Synthesized.Target(a!["Name"])).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_worker_rolls_back_on_errors_and_throttles_and_the_API_on_server_errors()
    {
        var metrics = (string function) => Of(function).Alarms
            .Select(a => (string?)Synthesized.Properties(Dev.Json["Resources"]![a]!.AsObject())["MetricName"]).Order(StringComparer.Ordinal);

        Assert.Equal(["Errors", "Throttles"], metrics("worker"));
        Assert.Equal(["5xx"], metrics("api"));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_CodeDeploy_role_may_move_only_its_own_alias_and_read_only_its_own_alarms(string function)
    {
        var (group, alarms, alias) = Of(function);
        var role = Synthesized.Target(group["ServiceRoleArn"]);
        var statements = Dev.Resources("AWS::IAM::Policy").Values.Select(Synthesized.Properties)
            .Where(p => p["Roles"]!.AsArray().Any(r => Synthesized.Target(r) == role))
            .SelectMany(p => p["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()))
            .ToList();
        static IEnumerable<JsonNode?> Many(JsonNode? node) => node is JsonArray a ? a : new[] { node };

        var update = Assert.Single(statements, s => Many(s["Action"]).Any(a => (string?)a == "lambda:UpdateAlias"));
        Assert.Contains(alias, Many(update["Resource"]).Select(Synthesized.Target));
        var describe = Assert.Single(statements, s => Many(s["Action"]).Any(a => (string?)a == "cloudwatch:DescribeAlarms"));
        Assert.Equal(alarms.Order(StringComparer.Ordinal), Many(describe["Resource"]).Select(Synthesized.Target).Order(StringComparer.Ordinal));
    }
}
