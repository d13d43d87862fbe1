using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mailflow.Testing.Emulators;

/// <summary>
/// npm <c>aws-ses-v2-local</c> 2.10.2 (DESIGN.md §4), started with Node 22 under <c>timeout</c> on a free 127.0.0.1 port
/// (<c>cli.js --host --port</c>). It answers SES v2 SendEmail and shows what it took at <c>GET /store</c>.
/// Quirks, from its source (dist/v2/sendEmail.js, dist/index.js):
/// <list type="bullet">
/// <item>for raw content it reads sender and recipients from the MIME headers and ignores <c>Destination</c>,
/// <c>FromEmailAddress</c> and <c>ConfigurationSetName</c> (it only checks their JSON types), so envelope-only (Bcc)
/// recipients and the configuration set cannot be seen there;</item>
/// <item>it checks only that an <c>Authorization</c> header starting with <c>AWS</c> is present, not the signature;</item>
/// <item>its message ids are <c>ses-</c> and nine digits; the store keeps no headers of a raw mail (no Message-ID).</item>
/// </list>
/// </summary>
public sealed class SesEmulator : IAsyncLifetime
{
    private Process? _process;

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var arg in new[]
        {
            "600", RepositoryPaths.RequireNode(), RepositoryPaths.NodeModule("aws-ses-v2-local", "dist", "cli.js"),
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aws-ses-v2-local.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = Client();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !_process.HasExited)
        {
            try
            {
                using var health = await http.GetAsync(new Uri(Endpoint, "/health-check"));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"aws-ses-v2-local did not answer on {Endpoint} within 30 s (exited: {_process.HasExited}).");
    }

    /// <summary>The mail the emulator stored under <paramref name="messageId"/>, as <c>GET /store</c> shows it.</summary>
    public async Task<JsonObject> StoredAsync(string messageId)
    {
        var emails = await EmailsAsync();
        return emails.SingleOrDefault(e => (string?)e["messageId"] == messageId)
            ?? throw new InvalidOperationException($"The emulator stored no mail {messageId}; it holds {emails.Count}.");
    }

    /// <summary>Every mail the emulator has taken so far, oldest first, as <c>GET /store</c> shows them.</summary>
    public async Task<IReadOnlyList<JsonObject>> EmailsAsync()
    {
        using var http = Client();
        var store = await http.GetFromJsonAsync<JsonObject>(new Uri(Endpoint, "/store"))
            ?? throw new InvalidOperationException("GET /store returned nothing.");
        return [.. (store["emails"]?.AsArray() ?? []).OfType<JsonObject>()];
    }

    private static HttpClient Client() => new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
