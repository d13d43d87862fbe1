using System.Globalization;

namespace Mailflow.ApiBench;

/// <summary>
/// <c>seed --data-dir DIR --mails N</c> and <c>measure --data-dir DIR [--iterations N]</c>; any other input prints the
/// usage and exits 2.
/// </summary>
internal static class ApiBenchCommand
{
    private const string Usage = """
        usage: Mailflow.ApiBench seed --data-dir DIR --mails N
               Mailflow.ApiBench measure --data-dir DIR [--iterations N]
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
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }
}
