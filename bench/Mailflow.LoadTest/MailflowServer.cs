using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mailflow.LoadTest;

/// <summary>A fresh <c>mailflow run</c> on free loopback ports and a temporary data directory.</summary>
public sealed class MailflowServer : IAsyncDisposable
{
    private readonly Process _process;

    private MailflowServer(Process process, string dataDir, int smtp, int sqs)
    {
        _process = process;
        DataDir = dataDir;
        SmtpPort = smtp;
        SqsUrl = $"http://127.0.0.1:{sqs}";
    }

    public string DataDir { get; }
    public int SmtpPort { get; }
    public string SqsUrl { get; }

    public static async Task<MailflowServer> StartAsync(string executable)
    {
        var dataDir = Directory.CreateTempSubdirectory("mailflow-load-").FullName;
        var (smtp, http, sqs) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = false };
        foreach (var arg in new[] { "run", "--data-dir", dataDir, "--smtp", $"127.0.0.1:{smtp}", "--http", $"127.0.0.1:{http}", "--sqs", $"127.0.0.1:{sqs}" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("mailflow ready", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new MailflowServer(process, dataDir, smtp, sqs);
            }
        }
        throw new InvalidOperationException("mailflow run exited before it was ready");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(grace.Token);
        }
        _process.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
