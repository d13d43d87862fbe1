using System.Globalization;

namespace Mailflow.LoadTest;

/// <summary>Load parameters: <c>--mailflow PATH --mails N --connections N --size BYTES --warmup N</c>.</summary>
public sealed record LoadSettings(string Mailflow, int Mails, int Connections, int SizeBytes, int Warmup)
{
    public static LoadSettings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new LoadSettings(Value("--mailflow", "artifacts/mailflow/mailflow"), Number("--mails", 10_000), Number("--connections", 16), Number("--size", 10 * 1024), Number("--warmup", 2_000));
    }
}
