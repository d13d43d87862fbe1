using System.Globalization;
using System.Text;
using Mailflow.LambdaBench;

// Usage: Mailflow.LambdaBench ASSETS_DIR [RUNS]
// Starts each x64 bundle RUNS times under the Runtime API harness, as Lambda starts a new execution environment, and
// prints process start -> first response posted (init + first invocation), with the bundle sizes.
var assets = args.Length > 0 ? args[0] : "assets";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var targets = new[]
{
    new ColdStartTarget("worker", Path.Combine(assets, "worker-x64", "bootstrap"), Encoding.UTF8.GetBytes("""{"Records":[]}"""),
        ColdStartTarget.WorkerEnvironment, TimeSpan.FromMilliseconds(150)),
    new ColdStartTarget("api", Path.Combine(assets, "api-x64", "bootstrap"), ColdStartTarget.HealthRequest,
        ColdStartTarget.ApiEnvironment, TimeSpan.FromMilliseconds(300)),
};
Console.WriteLine($"cold start under the Runtime API harness, {runs} runs each (process start -> first response posted)");
foreach (var target in targets)
{
    var figures = await target.MeasureAsync(runs);
    var zip = new FileInfo(Path.Combine(assets, $"{target.Name}-x64.zip"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{target.Name,-7} median {figures.Median.TotalMilliseconds,6:F1} ms  min {figures.Min.TotalMilliseconds,6:F1} ms  max {figures.Max.TotalMilliseconds,6:F1} ms  " +
        $"init median {figures.InitMedian.TotalMilliseconds,6:F1} ms  target < {target.Target.TotalMilliseconds:F0} ms  " +
        $"bootstrap {new FileInfo(target.Bootstrap).Length / 1024.0 / 1024.0:F1} MiB, zip {(zip.Exists ? zip.Length / 1024.0 / 1024.0 : 0):F1} MiB"));
}
return 0;
