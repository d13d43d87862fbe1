using System.Diagnostics;
using System.Text.Json;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using Mailflow.Aws;

namespace Mailflow.Testing.Emulators;

/// <summary>
/// npm fauxqs 2.4.1 (SQS and S3) for one test class: started under coreutils <c>timeout</c> with the Node 22 that
/// scripts/install-test-deps.sh installs, on a free port, and addressed on 127.0.0.1 only (it binds every interface
/// whatever it is asked, DESIGN.md §4). Clients come from <see cref="AwsEnvironment"/> over the variables an
/// application would set, so the tests also exercise that path. The start script, fauxqs-server.mjs, is copied next to
/// the test assembly and finds the fauxqs package in the repository's node_modules above it.
/// </summary>
public sealed class FauxqsServer : IAsyncLifetime
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(10);

    private Process? _node;
    private Uri? _endpoint;

    public Uri Endpoint => _endpoint ?? throw new InvalidOperationException("fauxqs is not started");

    /// <summary>The variables an application pointed at fauxqs would have.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = "fauxqs",
        ["AWS_SECRET_ACCESS_KEY"] = "fauxqs",
    };

    public AwsEnvironment Environment => AwsEnvironment.FromEnvironment(Variables.GetValueOrDefault);

    public async Task InitializeAsync()
    {
        var node = RepositoryPaths.RequireNode();
        var script = Path.Combine(AppContext.BaseDirectory, "Emulators", "fauxqs-server.mjs");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: Mailflow.Testing copies it next to the test assembly; rebuild the test project.");
        }
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in (string[])["--kill-after=5", $"{(int)s_lifetime.TotalSeconds}", node, script])
        {
            start.ArgumentList.Add(argument);
        }
        _node = Process.Start(start) ?? throw new InvalidOperationException("Could not start fauxqs");
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _node.StandardOutput.ReadLineAsync(startup.Token) ?? throw new InvalidOperationException("fauxqs exited before printing its port");
        _endpoint = new Uri($"http://127.0.0.1:{JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32()}/");
    }

    /// <summary>Creates a bucket with a name of its own and returns the name.</summary>
    public async Task<string> CreateBucketAsync(string purpose)
    {
        var name = $"{purpose}-{Guid.NewGuid():N}"[..Math.Min(purpose.Length + 33, 63)];
        using var s3 = Environment.CreateS3();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    /// <summary>Creates a standard queue and returns its URL.</summary>
    public async Task<string> CreateQueueAsync(string name)
    {
        using var sqs = Environment.CreateSqs();
        return (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name })).QueueUrl;
    }

    public async Task DisposeAsync()
    {
        if (_node is null)
        {
            return;
        }
        if (!_node.HasExited)
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }
        _node.Dispose();
    }
}
