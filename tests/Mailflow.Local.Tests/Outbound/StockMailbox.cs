using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>
/// The stock aiosmtpd server exactly as the issue runs it, <c>python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c
/// aiosmtpd.handlers.Mailbox DIR</c>: no SMTPUTF8, a Maildir with the envelope in X-MailFrom / X-RcptTo headers.
/// </summary>
public sealed class StockMailbox : IAsyncDisposable
{
    private readonly Process _process;

    private StockMailbox(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public static async Task<StockMailbox> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("mailflow-maildir-").FullName;
        // aiosmtpd's Maildir creates new/, cur/ and tmp/ only when the directory itself does not exist yet.
        var maildir = Path.Combine(directory, "Maildir");
        var port = FreePort();
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--kill-after=5", "120", "/usr/bin/python3", "-m", "aiosmtpd", "-n",
            "-l", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd");
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var mailbox = new StockMailbox(process, port, directory);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return mailbox;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                await mailbox.DisposeAsync();
                throw new InvalidOperationException($"aiosmtpd did not listen on {port}: {await stderr}");
            }
        }
    }

    /// <summary>The delivered messages, oldest first (Maildir <c>new/</c> file names start with the delivery time).</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var delivered = Path.Combine(Directory, "Maildir", "new");
        return !System.IO.Directory.Exists(delivered) ? [] :
            [.. System.IO.Directory.GetFiles(delivered).Order(StringComparer.Ordinal).Select(Load)];
    }

    private static MimeMessage Load(string path)
    {
        using var stream = File.OpenRead(path);
        return MimeMessage.Load(stream);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
