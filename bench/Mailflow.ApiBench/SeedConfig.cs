using Mailflow.Core.Configuration;

namespace Mailflow.ApiBench;

/// <summary>
/// The configuration the seeded mail is written for (mailflow.bench.json: environment <c>local</c>, domain
/// <c>acme.test</c>, five apps). The seeder copies it into the data directory so that <c>mailflow run --config</c> there
/// owns exactly the queues the ledger names, and the HTTP measurement starts the server with it. Its
/// <c>api.requestsPerMinute</c> is the validator's maximum: the measurement makes about 2,300 requests in well under a
/// minute with one token, and the limiter (still on every request, so still timed) must not answer 429.
/// </summary>
internal static class SeedConfig
{
    private const string FileName = "mailflow.bench.json";

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    public static MailflowConfig CopyInto(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var target = PathIn(dataDir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, FileName), target, overwrite: true);
        var loaded = ConfigLoader.Load(target);
        return loaded is { IsValid: true, Config: { } config }
            ? config
            : throw new InvalidOperationException($"{target}: {string.Join("; ", loaded.Problems)}");
    }
}
