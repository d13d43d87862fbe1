using System.Text.Json;
using Mailflow.Testing.Lambda;

namespace Mailflow.Lambda.Tests.Harness;

/// <summary>
/// The harness running a process as Lambda runs a bundle's bootstrap. The bootstrap here is a small Node runtime
/// (Node is on every machine this project builds on, DESIGN.md §4); the function bundles' own tests run the real ones.
/// </summary>
public sealed class RuntimeApiHarnessProcessTests : IDisposable
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("mailflow-bootstrap-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_bootstrap_runs_in_its_directory_with_Lambda_s_environment_and_answers_invocations()
    {
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(Bootstrap(), new Dictionary<string, string> { ["MAILFLOW_TEST"] = "yes" });

        var result = await harness.InvokeAsync("""{"n":1}"""u8.ToArray(), _timeout);
        var second = await harness.InvokeAsync("""{"n":2}"""u8.ToArray(), _timeout);

        Assert.Equal(HarnessResultKind.Response, result.Kind);
        using var reply = JsonDocument.Parse(result.Body);
        Assert.Equal(1, reply.RootElement.GetProperty("echo").GetProperty("n").GetInt32());
        var environment = reply.RootElement.GetProperty("environment");
        Assert.Equal("yes", environment.GetProperty("MAILFLOW_TEST").GetString());
        Assert.Equal("eu-west-1", environment.GetProperty("AWS_REGION").GetString());
        Assert.Equal("mailflow-test", environment.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
        Assert.Equal(_directory, environment.GetProperty("LAMBDA_TASK_ROOT").GetString());
        Assert.Equal(JsonValueKind.Null, environment.GetProperty("HOME").ValueKind);
        Assert.Equal(_directory, reply.RootElement.GetProperty("cwd").GetString());
        Assert.Contains("\"n\":2", second.BodyText, StringComparison.Ordinal);
        Assert.NotNull(harness.InitDuration);
        Assert.NotNull(harness.ColdStart);
        Assert.True(harness.InitDuration <= harness.ColdStart);
        Assert.Contains("bootstrap started", harness.Output, StringComparison.Ordinal);
        Assert.Equal([result, second], harness.Results);
    }

    [Fact]
    public async Task An_init_error_is_collected_and_answers_the_invocation()
    {
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(Bootstrap(), new Dictionary<string, string> { ["FAIL_INIT"] = "1" });

        var initError = await harness.WaitForInitErrorAsync(_timeout);
        var invocation = await harness.InvokeAsync("{}"u8.ToArray(), _timeout);

        Assert.Equal((HarnessResultKind.InitError, "ConfigError"), (initError.Kind, initError.ErrorType));
        Assert.Contains("MAILFLOW_CONFIG is not set.", initError.BodyText, StringComparison.Ordinal);
        Assert.Same(initError, invocation);
        Assert.Null(harness.ColdStart);
    }

    [Fact]
    public async Task A_process_that_exits_before_answering_fails_the_invocation_with_its_exit_code_and_output()
    {
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(Bootstrap(), new Dictionary<string, string>());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.InvokeAsync("""{"exit":7}"""u8.ToArray(), _timeout));

        Assert.Contains("exited with code 7", failure.Message, StringComparison.Ordinal);
        Assert.Contains("exiting with 7 as asked", failure.Message, StringComparison.Ordinal);
        Assert.Equal(7, harness.ExitCode);
    }

    [Fact]
    public async Task Disposing_the_harness_kills_the_process()
    {
        var harness = new RuntimeApiHarness();
        await harness.StartAsync(Bootstrap(), new Dictionary<string, string>());
        await harness.InvokeAsync("{}"u8.ToArray(), _timeout);

        await harness.DisposeAsync();

        Assert.NotNull(harness.ExitCode);
    }

    /// <summary>A <c>bootstrap</c> file, as in a bundle: a shell script that execs Node on the runtime script.</summary>
    private string Bootstrap()
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("node is not on PATH; the harness process tests need Node (DESIGN.md §4).");
        var script = Path.Combine(AppContext.BaseDirectory, "Harness", "bootstrap.js");
        var bootstrap = Path.Combine(_directory, "bootstrap");
        File.WriteAllText(bootstrap, $"#!/bin/sh\nexec \"{node}\" \"{script}\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return bootstrap;
    }
}
