namespace Mailflow.Cdk.Settings;

/// <summary>
/// The two function bundles <c>make lambda-arm64</c> builds (docs/aws.md, "Bundles"): zips holding one executable,
/// <c>bootstrap</c>. The stack deploys them as they are, so synth needs them to exist.
/// </summary>
public sealed record LambdaBundles(string Worker, string Api)
{
    /// <summary>The arm64 (Graviton) bundles under <paramref name="repositoryRoot"/>/assets.</summary>
    /// <exception cref="InvalidOperationException">A bundle is missing: the message says to run <c>make lambda-arm64</c>.</exception>
    public static LambdaBundles InRepository(string repositoryRoot)
    {
        var bundles = new LambdaBundles(
            Path.Combine(repositoryRoot, "assets", "worker-arm64.zip"),
            Path.Combine(repositoryRoot, "assets", "api-arm64.zip"));
        var missing = new[] { bundles.Worker, bundles.Api }.Where(p => !File.Exists(p)).ToList();
        return missing.Count == 0
            ? bundles
            : throw new InvalidOperationException($"Lambda bundle(s) missing: {string.Join(", ", missing)}. Run make lambda-arm64 first (or make lambda) to build them.");
    }
}
