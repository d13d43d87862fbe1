using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Mailflow.ApiBench;

/// <summary>
/// Issue 7's benchmark: the real API of <c>mailflow run</c> over loopback, one keep-alive <see cref="HttpClient"/>, a
/// viewer token. Each endpoint gets <c>requests</c> sequential requests after a warm-up; the target is p95 under 20 ms.
/// Returns whether every endpoint met it.
/// </summary>
internal static class HttpTimings
{
    public const double TargetP95Ms = 20;
    private const int DeepPage = 1000;
    private const int WarmUpRequests = 30;

    public static async Task<bool> MeasureAsync(string executable, string dataDir, int requests, TextWriter output)
    {
        var configPath = SeedConfig.PathIn(dataDir);
        var token = await MailflowProcess.ViewerTokenAsync(executable, dataDir, configPath);
        await using var server = await MailflowProcess.StartAsync(executable, dataDir, configPath);
        await output.WriteLineAsync($"mailflow run ready in {server.Startup.TotalMilliseconds:F0} ms, API at {server.Api}");
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = server.Api,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var walk = Stopwatch.StartNew();
        var deepCursor = await CursorAfterAsync(client, DeepPage - 1);
        await output.WriteLineAsync($"paged {DeepPage - 1} pages of 50 over HTTP in {walk.Elapsed.TotalMilliseconds:F0} ms to find page {DeepPage}'s cursor");

        (string Name, string Path)[] cases =
        [
            ("GET /api/messages (first page)", "messages"),
            ($"GET /api/messages?cursor= (page {DeepPage})", $"messages?cursor={Uri.EscapeDataString(deepCursor)}"),
            ("GET /api/metrics/summary?window=24h", "metrics/summary?window=24h"),
            ("GET /api/queues", "queues"),
        ];
        var allMet = true;
        foreach (var (name, path) in cases)
        {
            for (var index = 0; index < WarmUpRequests; index++)
            {
                await GetAsync(client, path);
            }
            var samples = new double[requests];
            for (var index = 0; index < requests; index++)
            {
                var clock = Stopwatch.StartNew();
                await GetAsync(client, path);
                samples[index] = clock.Elapsed.TotalMilliseconds;
            }
            var stats = LatencyStats.Of(samples);
            var met = stats.P95 < TargetP95Ms;
            allMet &= met;
            await output.WriteLineAsync($"{name,-42} n={requests} {stats}   p95 < {TargetP95Ms} ms: {(met ? "yes" : "NO")}");
        }
        return allMet;
    }

    /// <summary>The cursor of page <c>pages + 1</c>, found the way a client finds it: by following nextCursor.</summary>
    private static async Task<string> CursorAfterAsync(HttpClient client, int pages)
    {
        string? cursor = null;
        for (var page = 0; page < pages; page++)
        {
            var body = await GetAsync(client, cursor is null ? "messages?limit=50" : $"messages?limit=50&cursor={Uri.EscapeDataString(cursor)}");
            using var json = JsonDocument.Parse(body);
            cursor = json.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String
                ? next.GetString()
                : throw new InvalidOperationException($"the ledger ran out after {page + 1} pages of 50: seed more mail");
        }
        return cursor ?? throw new InvalidOperationException("no cursor");
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode
            ? body
            : throw new InvalidOperationException($"GET /api/{path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
    }
}
