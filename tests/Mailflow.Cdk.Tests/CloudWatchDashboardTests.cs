using System.Text.Json.Nodes;

namespace Mailflow.Cdk.Tests;

public sealed class CloudWatchDashboardTests
{
    private static Synthesized Dev => TestStacks.Dev;

    private static JsonObject Dashboard => Synthesized.Properties(Dev.Resources("AWS::CloudWatch::Dashboard").Values.Single());

    /// <summary>The dashboard body, with every <c>Ref</c> and <c>Fn::GetAtt</c> written as <c>{ref:logicalId}</c>.</summary>
    private static string Body
    {
        get
        {
            var body = Dashboard["DashboardBody"]!;
            if (body is JsonValue plain)
            {
                return (string)plain!;
            }
            return string.Concat(body["Fn::Join"]![1]!.AsArray().Select(part => part is JsonValue v ? (string)v! : $"{{ref:{Synthesized.Target(part)}}}"));
        }
    }

    [Fact]
    public void The_dashboard_is_named_after_the_environment()
    {
        Assert.Equal("mailflow-dev", (string?)Dashboard["DashboardName"]);
    }

    [Fact]
    public void Every_queue_and_DLQ_is_on_the_dashboard_by_its_own_name()
    {
        var body = Body;
        var queues = Dev.Resources("AWS::SQS::Queue").Keys.ToList();
        Assert.NotEmpty(queues);
        // Queue names reach the body as the queues' QueueName attribute, so a renamed queue renames its graph.
        Assert.All(queues, q => Assert.Contains($"{{ref:{q}}}", body, StringComparison.Ordinal));
        Assert.Contains("\"AWS/SQS\",\"ApproximateNumberOfMessagesVisible\"", body, StringComparison.Ordinal);
        Assert.Contains("\"AWS/SQS\",\"ApproximateAgeOfOldestMessage\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_graphs_show_the_live_alias()
    {
        var body = Body;
        var worker = Dev.LogicalId(Dev.Stack.Worker.Function.Function);
        Assert.Contains($"{{ref:{worker}}}:live", body, StringComparison.Ordinal);
        foreach (var metric in new[] { "Invocations", "Errors", "Throttles", "Duration" })
        {
            Assert.Contains($"\"AWS/Lambda\",\"{metric}\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_API_graphs_show_4xx_5xx_and_latency_of_the_HTTP_API()
    {
        var body = Body;
        var api = Dev.LogicalId(Dev.Stack.Api.HttpApi);
        Assert.Contains($"{{ref:{api}}}", body, StringComparison.Ordinal);
        foreach (var metric in new[] { "4xx", "5xx", "Latency" })
        {
            Assert.Contains($"\"AWS/ApiGateway\",\"{metric}\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Graphs_use_the_alarms_own_metric_objects_and_AWS_namespaces_only()
    {
        var body = Body;
        // Each alarm's metric name appears in the body with the alarm's namespace; no custom namespace appears.
        Assert.All(Dev.Resources("AWS::CloudWatch::Alarm").Values.Select(Synthesized.Properties),
            a => Assert.Contains($"\"{(string?)a["Namespace"]}\",\"{(string?)a["MetricName"]}\"", body, StringComparison.Ordinal));
        var namespaces = System.Text.RegularExpressions.Regex.Matches(body, "\\[\"([A-Za-z0-9/]+)\",\"[A-Za-z0-9]+\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(namespaces);
        Assert.All(namespaces, n => Assert.StartsWith("AWS/", n, StringComparison.Ordinal));
    }
}
