using System.Diagnostics;
using System.Globalization;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>
/// tests/tools/smtp_sink.py (aiosmtpd) as a real SMTP peer on 127.0.0.1, under coreutils <c>timeout</c> so that it dies
/// even if the test process does not get to kill it. Disposing kills it (by its own process id) and removes its directory.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromSeconds(120);
    private readonly string[] _options;
    private Process? _process;

    private SmtpSink(string directory, string[] options)
    {
        Directory = directory;
        _options = options;
    }

    public string Directory { get; }

    public int Port { get; private set; }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Starts the sink on a free port with the script's options (e.g. <c>--fail-first 1</c>).</summary>
    public static async Task<SmtpSink> StartAsync(params string[] options)
    {
        var sink = new SmtpSink(System.IO.Directory.CreateTempSubdirectory("mailflow-sink-").FullName, options);
        await sink.LaunchAsync(port: 0);
        return sink;
    }

    /// <summary>Kills the sink (its connections drop without a reply) and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync(Port);
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Every mail the sink accepted, in order.</summary>
    public IReadOnlyList<SinkMail> Mails =>
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(SinkMail.Read)];

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task LaunchAsync(int port)
    {
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        string[] args =
        [
            "--kill-after=5", ((int)s_lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture), "/usr/bin/python3",
            Path.Combine(RepositoryRoot, "tests", "tools", "smtp_sink.py"),
            "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", Directory, .. _options,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink");
        _process = process;
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            await StopAsync();
            throw new InvalidOperationException(
                $"The SMTP sink did not start (run scripts/install-test-deps.sh once for python3-aiosmtpd): {line}\n{await stderr}");
        }
        Port = int.Parse(line["ready ".Length..], CultureInfo.InvariantCulture);
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
