using System.Text;
using Mailflow.Testing.Lambda;

namespace Mailflow.LambdaBench;

/// <summary>
/// One bundle, the event its first invocation gets (one that needs no answer from the network), the environment it starts
/// with, and its cold start target.
/// </summary>
public sealed record ColdStartTarget(string Name, string Bootstrap, byte[] FirstEvent, IReadOnlyDictionary<string, string> Environment, TimeSpan Target)
{
    /// <summary>GET /api/health as API Gateway HTTP API (payload 2.0) delivers it.</summary>
    public static readonly byte[] HealthRequest = Encoding.UTF8.GetBytes("""
        {"version":"2.0","routeKey":"$default","rawPath":"/api/health","rawQueryString":"","headers":{"host":"api.example.test"},
         "requestContext":{"accountId":"000000000000","apiId":"bench","domainName":"api.example.test","requestId":"bench-1","routeKey":"$default",
         "stage":"$default","time":"22/Nov/2026:09:30:00 +0000","timeEpoch":1795339800000,
         "http":{"method":"GET","path":"/api/health","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"bench"}},"isBase64Encoded":false}
        """);

    /// <summary>The deployment settings both functions require (DeploymentSettings); every endpoint points at a closed port.</summary>
    public static IReadOnlyDictionary<string, string> WorkerEnvironment { get; } = new Dictionary<string, string>
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "bench",
        ["AWS_SECRET_ACCESS_KEY"] = "bench",
        ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9",
        ["MAILFLOW_ATTACHMENT_BUCKET"] = "bench-attachments",
        ["MAILFLOW_TABLE"] = "bench-table",
        ["MAILFLOW_API_URL"] = "https://api.example.test",
        ["MAILFLOW_LINK_SIGNING_KEY"] = Convert.ToBase64String(new byte[32]),
    };

    /// <summary>
    /// The worker's settings plus what the API function requires (the raw bucket, the rollback switches' targets, the
    /// token issuer). Lambda, SES and the JWKS URL point at closed ports too: health then reports the inbound state as
    /// unknown after two refused connections, which is part of what is measured; no token is checked.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ApiEnvironment { get; } = new Dictionary<string, string>(WorkerEnvironment)
    {
        ["MAILFLOW_RAW_BUCKET"] = "bench-raw",
        ["MAILFLOW_INBOUND_MAPPING_ID"] = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
        ["MAILFLOW_RECEIPT_RULE_SET"] = "mailflow-bench",
        ["MAILFLOW_RECEIPT_RULE"] = "mailflow-bench-inbound",
        ["MAILFLOW_JWT_ISSUER"] = "https://issuer.example.test",
        ["MAILFLOW_JWT_AUDIENCE"] = "mailflow-api",
        ["MAILFLOW_JWKS_URL"] = "http://127.0.0.1:9/jwks.json",
    };

    public async Task<ColdStartFigures> MeasureAsync(int runs)
    {
        if (!File.Exists(Bootstrap))
        {
            throw new FileNotFoundException($"{Bootstrap} does not exist: run make lambda-x64 first.");
        }
        var starts = new List<TimeSpan>(runs);
        var inits = new List<TimeSpan>(runs);
        for (var run = 0; run < runs; run++)
        {
            await using var harness = new RuntimeApiHarness();
            await harness.StartAsync(Bootstrap, new Dictionary<string, string>(Environment));
            var result = await harness.InvokeAsync(FirstEvent, TimeSpan.FromSeconds(30));
            if (result.Kind != HarnessResultKind.Response || harness.ColdStart is not { } coldStart)
            {
                throw new InvalidOperationException($"{Name}: the first invocation ended as {result.Kind} {result.ErrorType}: {result.BodyText}\n{harness.Output}");
            }
            starts.Add(coldStart);
            inits.Add(harness.InitDuration ?? TimeSpan.Zero);
        }
        return ColdStartFigures.Of(starts, inits);
    }
}
