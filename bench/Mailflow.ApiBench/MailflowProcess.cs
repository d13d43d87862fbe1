using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mailflow.ApiBench;

/// <summary>
/// The published <c>mailflow run</c> on a seeded data directory, every listener on a free loopback port; stopped with
/// SIGTERM (its clean shutdown path) and awaited on dispose.
/// </summary>
internal sealed class MailflowProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;

    private MailflowProcess(Process process, Uri api, TimeSpan startup)
    {
        _process = process;
        Api = api;
        Startup = startup;
    }

    /// <summary>The API's base address, ending in <c>/api/</c>.</summary>
    public Uri Api { get; }

    /// <summary>From process start to the <c>mailflow ready</c> line: what opening a 1M-row ledger costs.</summary>
    public TimeSpan Startup { get; }

    public static async Task<MailflowProcess> StartAsync(string executable, string dataDir, string configPath)
    {
        var http = FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = false };
        foreach (var arg in new[] { "run", "--config", configPath, "--data-dir", dataDir, "--smtp", "127.0.0.1:0", "--http", $"127.0.0.1:{http}", "--sqs", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        using var timeout = new CancellationTokenSource(s_readyTimeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("mailflow ready", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new MailflowProcess(process, new Uri($"http://127.0.0.1:{http}/api/"), clock.Elapsed);
            }
        }
        throw new InvalidOperationException($"mailflow run exited with {process.ExitCode} before it printed 'mailflow ready'");
    }

    /// <summary>A viewer token from <c>mailflow token</c>, signed with the data directory's key as an operator would get it.</summary>
    public static async Task<string> ViewerTokenAsync(string executable, string dataDir, string configPath)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = false };
        foreach (var arg in new[] { "token", "--config", configPath, "--data-dir", dataDir, "--role", "viewer", "--subject", "apibench" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        var token = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 && token.Length > 0
            ? token
            : throw new InvalidOperationException($"mailflow token exited with {process.ExitCode} and no token");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            await _process.WaitForExitAsync(grace.Token);
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
