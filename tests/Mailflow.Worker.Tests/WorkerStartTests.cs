using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mailflow.Testing.Lambda;
using Mailflow.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Mailflow.Worker.Tests;

/// <summary>
/// The built worker's init phase: with its settings it starts and serves; without them, or with a configuration that
/// does not validate, it reports an init error saying what to fix, and Lambda answers invocations with it. None of
/// these needs an AWS endpoint: every endpoint points at a closed port.
/// </summary>
public sealed class WorkerStartTests(ITestOutputHelper output)
{
    private static readonly byte[] s_emptyBatch = Encoding.UTF8.GetBytes("""{"Records":[]}""");

    [Fact]
    public async Task The_bundle_initializes_within_Lambda_s_init_limit_and_answers_an_empty_batch_with_no_failures()
    {
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(WorkerBundle.Bootstrap, Unreachable(DeploymentVariables.Create()));

        var result = await harness.InvokeAsync(s_emptyBatch, WorkerDeployment.FunctionTimeout);

        Assert.True(result.Kind == HarnessResultKind.Response, $"{result.Kind}: {result.BodyText}{Environment.NewLine}{harness.Output}");
        Assert.Equal("""{"batchItemFailures":[]}""", result.BodyText);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worker bundle: cold start {harness.ColdStart?.TotalMilliseconds:F1} ms, init {harness.InitDuration?.TotalMilliseconds:F1} ms"));
        Assert.InRange(harness.InitDuration!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Missing_deployment_settings_are_an_init_error_that_names_MAILFLOW_TABLE()
    {
        var variables = Unreachable(DeploymentVariables.Create());
        foreach (var name in variables.Keys.Where(name => name.StartsWith("MAILFLOW_", StringComparison.Ordinal)).ToList())
        {
            variables.Remove(name);
        }
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(WorkerBundle.Bootstrap, variables);

        var initError = await harness.WaitForInitErrorAsync(TimeSpan.FromSeconds(30));
        var invocation = await harness.InvokeAsync(s_emptyBatch, WorkerDeployment.FunctionTimeout);

        var message = ErrorMessage(initError);
        Assert.Contains("MAILFLOW_TABLE", message, StringComparison.Ordinal);
        Assert.Contains("MAILFLOW_ATTACHMENT_BUCKET", message, StringComparison.Ordinal);
        Assert.Contains("MAILFLOW_LINK_SIGNING_KEY", message, StringComparison.Ordinal);
        Assert.Equal(nameof(InvalidOperationException), initError.ErrorType);
        Assert.Equal(HarnessResultKind.InitError, invocation.Kind);
    }

    [Fact]
    public async Task An_invalid_MAILFLOW_CONFIG_is_an_init_error_that_names_the_JSON_path_of_the_problem()
    {
        var variables = Unreachable(DeploymentVariables.Create());
        variables["MAILFLOW_CONFIG"] = """{"environment":"local","domains":["example.com"],"apps":[{"name":"app1"}],"queues":{"maxReceiveCount":2}}""";
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(WorkerBundle.Bootstrap, variables);

        var initError = await harness.WaitForInitErrorAsync(TimeSpan.FromSeconds(30));

        var message = ErrorMessage(initError);
        Assert.Contains("MAILFLOW_CONFIG $.queues.maxReceiveCount", message, StringComparison.Ordinal);
        Assert.DoesNotContain("MAILFLOW_TABLE", message, StringComparison.Ordinal);
    }

    /// <summary>Every AWS endpoint at a closed port: a test that reached one would fail, not quietly call AWS.</summary>
    private static Dictionary<string, string> Unreachable(Dictionary<string, string> variables)
    {
        variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        return variables;
    }

    private static string ErrorMessage(HarnessResult initError)
    {
        Assert.Equal(HarnessResultKind.InitError, initError.Kind);
        return (string)JsonNode.Parse(initError.Body)!["errorMessage"]!;
    }
}
