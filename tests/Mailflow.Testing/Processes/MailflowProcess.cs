using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.SQS;

namespace Mailflow.Testing.Processes;

/// <summary>
/// A real <c>mailflow run</c> process on free loopback ports and its own data directory. Test projects that use it
/// reference Mailflow.Cli, so <c>mailflow.dll</c> sits next to their assembly.
/// </summary>
public sealed class MailflowProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private MailflowProcess(Process process, string dataDir, string? config, int smtp, int http, int sqs)
    {
        _process = process;
        DataDir = dataDir;
        Config = config;
        SmtpPort = smtp;
        HttpPort = http;
        SqsPort = sqs;
    }

    public string DataDir { get; }
    public string? Config { get; }
    public int SmtpPort { get; }
    public int HttpPort { get; }
    public int SqsPort { get; }
    public string SqsUrl => $"http://127.0.0.1:{SqsPort}";
    public string HttpUrl => $"http://127.0.0.1:{HttpPort}";
    public int ProcessId => _process.Id;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public static string MailflowDll => Path.Combine(AppContext.BaseDirectory, "mailflow.dll");

    public static string NewDataDir() => Directory.CreateTempSubdirectory("mailflow-e2e-").FullName;

    public static async Task<MailflowProcess> StartAsync(string? dataDir = null, string? config = null, (int Smtp, int Http, int Sqs)? ports = null,
        IEnumerable<string>? extraArgs = null)
    {
        dataDir ??= NewDataDir();
        var (smtp, http, sqs) = ports ?? (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { MailflowDll, "run", "--data-dir", dataDir, "--smtp", $"127.0.0.1:{smtp}", "--http", $"127.0.0.1:{http}", "--sqs", $"127.0.0.1:{sqs}" })
        {
            start.ArgumentList.Add(arg);
        }
        if (config is not null)
        {
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(config);
        }
        foreach (var arg in extraArgs ?? [])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var mailflow = new MailflowProcess(process, dataDir, config, smtp, http, sqs);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => mailflow.Collect(e.Data, ready);
        process.ErrorDataReceived += (_, e) => mailflow.Collect(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != ready.Task)
        {
            await mailflow.DisposeAsync();
            throw new InvalidOperationException("mailflow run did not become ready:\n" + string.Join("\n", mailflow.Output));
        }
        return mailflow;
    }

    public AmazonSQSClient SqsClient() =>
        new(new BasicAWSCredentials("local", "local"), new AmazonSQSConfig { ServiceURL = SqsUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public string QueueUrl(string queue) => $"{SqsUrl}/000000000000/{queue}";

    /// <summary>A token printed by the real <c>mailflow token</c> for this process's data directory and configuration.</summary>
    public async Task<string> TokenAsync(string role)
    {
        string[] args = Config is null
            ? [MailflowDll, "token", "--data-dir", DataDir, "--role", role, "--ttl", "10m"]
            : [MailflowDll, "token", "--data-dir", DataDir, "--config", Config, "--role", role, "--ttl", "10m"];
        var result = await ExternalTool.RunAsync("dotnet", args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("mailflow token failed:\n" + result.All);
        }
        return result.Stdout.Trim();
    }

    /// <summary>Calls the API of this process, with <paramref name="token"/> as the bearer token when given.</summary>
    public async Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string? token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(HttpUrl) };
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>GETs an API path as <paramref name="role"/> (a token from <c>mailflow token</c>) and returns the JSON answer; anything but 200 fails.</summary>
    public async Task<System.Text.Json.JsonElement> ApiGetAsync(string path, string role)
    {
        using var response = await ApiAsync(HttpMethod.Get, path, await TokenAsync(role));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} as {role}: {(int)response.StatusCode} {body}");
        }
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>SIGKILL: no chance to clean up, as in a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for the clean stop.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Collect(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
        if (line.Contains("mailflow ready", StringComparison.Ordinal))
        {
            ready?.TrySetResult();
        }
    }
}
