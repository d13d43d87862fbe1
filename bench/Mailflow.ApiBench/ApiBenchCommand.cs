using System.Globalization;

namespace Mailflow.ApiBench;

/// <summary>
/// <c>seed --data-dir DIR --mails N</c>, <c>measure --data-dir DIR [--iterations N]</c> (the reader in-process) and
/// <c>http --data-dir DIR --mailflow PATH [--requests N]</c> (the real API over loopback; exits 1 when an endpoint misses
/// issue 7's p95 target); any other input prints the usage and exits 2.
/// </summary>
internal static class ApiBenchCommand
{
    private const string Usage = """
        usage: Mailflow.ApiBench seed --data-dir DIR --mails N
               Mailflow.ApiBench measure --data-dir DIR [--iterations N]
               Mailflow.ApiBench http --data-dir DIR --mailflow PATH-TO-PUBLISHED-CLI [--requests N]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 1; index + 1 < args.Length; index += 2)
        {
            options[args[index]] = args[index + 1];
        }
        if (args.Length == 0 || !options.TryGetValue("--data-dir", out var dataDir))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        switch (args[0])
        {
            case "seed" when options.TryGetValue("--mails", out var mails) && int.TryParse(mails, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0:
                await LedgerSeeder.SeedAsync(dataDir, count, TimeProvider.System, output);
                return 0;
            case "measure":
                var iterations = options.TryGetValue("--iterations", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 50;
                await ReaderTimings.MeasureAsync(dataDir, iterations, TimeProvider.System, output);
                return 0;
            case "http" when options.TryGetValue("--mailflow", out var executable):
                var requests = options.TryGetValue("--requests", out var number) ? int.Parse(number, CultureInfo.InvariantCulture) : 300;
                return await HttpTimings.MeasureAsync(executable, dataDir, requests, output) ? 0 : 1;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }
}
