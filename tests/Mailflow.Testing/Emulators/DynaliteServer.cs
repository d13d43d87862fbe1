using System.Diagnostics;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Mailflow.Testing.Emulators;

/// <summary>
/// npm dynalite 4.0.0 (DESIGN.md §4), in memory, on 127.0.0.1, run by the Node 22 of scripts/install-test-deps.sh under
/// coreutils <c>timeout</c> so that it dies even if the test process never gets to kill it. Shared as a class or
/// collection fixture; each test (or test class) makes its own table (<see cref="DynaliteTable"/>).
/// </summary>
public sealed class DynaliteServer : IAsyncLifetime
{
    /// <summary>Longer than the whole DynamoDB test run ever takes; a safety net, not a limit tests should meet.</summary>
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(15);

    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private AmazonDynamoDBClient? _client;

    public Uri ServiceUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client of the server, shared by the tests (AWS SDK clients are thread-safe).</summary>
    public AmazonDynamoDBClient Client => _client ?? throw new InvalidOperationException("dynalite is not started");

    /// <summary>
    /// A new client of the server. <c>AuthenticationRegion</c> makes the SDK sign for a region without looking one up;
    /// dynalite accepts any credentials.
    /// </summary>
    public AmazonDynamoDBClient CreateClient() => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = ServiceUrl.ToString(), AuthenticationRegion = "us-east-1" });

    public async Task InitializeAsync()
    {
        // dynalite's CLI reads `--port 0` as "no port" and takes 4567, so the port is picked here; another process on
        // this shared machine may take it first, in which case dynalite exits and the next attempt picks another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            if (await TryStartAsync(port))
            {
                ServiceUrl = new Uri($"http://127.0.0.1:{port}/");
                _client = CreateClient();
                return;
            }
            if (attempt == 5)
            {
                throw new InvalidOperationException($"dynalite did not start after {attempt} attempts: {_stderr}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await StopAsync();
    }

    private async Task<bool> TryStartAsync(int port)
    {
        var node = RepositoryPaths.RequireNode();
        var cli = RepositoryPaths.NodeModule("dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"dynalite is not installed at {cli}: run ./scripts/install-test-deps.sh once.");
        }
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        string[] arguments =
        [
            "--kill-after=5", $"{(int)s_lifetime.TotalSeconds}", node, cli,
            "--host", "127.0.0.1", "--port", $"{port}",
            // Tables are ACTIVE at once instead of after dynalite's default 500 ms: one table per test.
            "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dynalite");
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line.Data);
            }
        };
        _process.BeginErrorReadLine();
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _process.StandardOutput.ReadLineAsync(startup.Token);
        if (line is not null && line.Contains($":{port}", StringComparison.Ordinal))
        {
            // Keep draining stdout so that dynalite can never block on a full pipe.
            _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            return true;
        }
        await StopAsync();
        return false;
    }

    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }
}
