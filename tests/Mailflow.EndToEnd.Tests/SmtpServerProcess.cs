using System.Diagnostics;
using System.Globalization;
using MimeKit;

using Mailflow.Testing.Processes;

namespace Mailflow.EndToEnd.Tests;

/// <summary>
/// A real SMTP server for Mailflow's relay to send to, under <c>timeout</c> on a free loopback port: Debian's
/// python3-aiosmtpd with its stock Maildir handler (the command the outbound issue names), or the repository's
/// tests/tools/smtp_sink.py when a test needs the server to answer 4xx or 5xx.
/// </summary>
public sealed class SmtpServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpServerProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public string Directory { get; }
    public string Relay => $"127.0.0.1:{Port}";

    /// <summary><c>python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR</c>: accepts everything into a Maildir.</summary>
    public static Task<SmtpServerProcess> StartMaildirAsync()
    {
        var port = MailflowProcess.FreePort();
        // Python's Maildir creates tmp/, new/ and cur/ only when it creates the directory itself.
        var directory = Path.Combine(System.IO.Directory.CreateTempSubdirectory("mailflow-maildir-").FullName, "Maildir");
        return StartAsync(port, directory, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", directory]);
    }

    /// <summary>tests/tools/smtp_sink.py with its options, e.g. <c>--fail-first 1 --fail-code 451</c> or <c>--reject-code 550</c>.</summary>
    public static Task<SmtpServerProcess> StartSinkAsync(params string[] options)
    {
        var port = MailflowProcess.FreePort();
        var directory = System.IO.Directory.CreateTempSubdirectory("mailflow-sink-").FullName;
        var script = Path.Combine(ExternalTool.RepositoryRoot, "tests", "tools", "smtp_sink.py");
        return StartAsync(port, directory, [script, "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", directory, .. options]);
    }

    /// <summary>Every mail the server accepted so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".eml", StringComparison.Ordinal) || Path.GetFileName(Path.GetDirectoryName(path)) == "new")
            .Order(StringComparer.Ordinal)
            .Select(Load)];

    /// <summary>Waits until the server holds at least <paramref name="count"/> mails, then returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count || clock.Elapsed > timeout)
            {
                return messages;
            }
            await Task.Delay(100);
        }
    }

    private static MimeMessage Load(string path)
    {
        using var file = File.OpenRead(path);
        return MimeMessage.Load(file);
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

    private static async Task<SmtpServerProcess> StartAsync(int port, string directory, IReadOnlyList<string> pythonArgs)
    {
        var start = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "300", "/usr/bin/python3", "-u" }.Concat(pythonArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpServerProcess(process, port, directory);
        // Ready when it accepts connections (the stock aiosmtpd prints nothing).
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return server;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"The SMTP server on port {port} did not start ({string.Join(' ', pythonArgs)}).");
    }
}
