using System.Diagnostics;
using Mailflow.Core.Configuration;
using Mailflow.Core.Policy;

namespace Mailflow.Benchmarks;

/// <summary>
/// Processes one large mail with one base64 PDF attachment in this fresh process and prints the process's
/// peak working set. Target (issue 2): under 200 MB. Run as <c>peak-memory [ATTACHMENT_MIB]</c>.
/// A 29 MiB attachment makes a 39.7 MiB mail, the largest that fits SES's 40 MiB limit (base64 adds a third);
/// for larger attachments the probe lifts the message limit, which only a benchmark can do.
/// </summary>
public static class PeakMemoryProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var attachmentMiB = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 29;
        var path = Path.Combine(Path.GetTempPath(), $"mailflow-bench-{Environment.ProcessId}.eml");
        try
        {
            SampleMail.WriteLarge(path, attachmentMiB * 1024L * 1024);
            var size = new FileInfo(path).Length;
            // The attachment must be stored for the run to exercise the whole path, so lift the 25 MiB attachment default.
            var config = DefaultConfig.Instance with
            {
                Limits = new LimitsConfig { MaxAttachmentBytes = size, MaxMessageBytes = Math.Max(size, EffectiveLimits.DefaultMaxMessageBytes) },
            };
            var bench = new BenchPipeline(config);
            var notification = BenchPipeline.Notification("bench-large");
            bench.RawMail.PutFile(notification.Receipt.Action.ObjectKey, path);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.PeakWorkingSet64;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var result = await bench.Pipeline.ProcessAsync(notification, CancellationToken.None);
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            process.Refresh();
            var outcomes = string.Join(", ", result.Deliveries.Select(d => $"{d.App}:{d.Outcome}"));
            Console.WriteLine($"large mail: {size / 1048576.0:F1} MiB on disk, attachment {attachmentMiB} MiB decoded, {bench.Attachments.BytesStored / 1048576.0:F1} MiB stored; outcomes {outcomes}");
            Console.WriteLine($"time: {clock.Elapsed.TotalMilliseconds:F0} ms");
            Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1048576.0:F1} MiB (before processing: {before / 1048576.0:F1} MiB); target < 200 MiB");
            Console.WriteLine($"managed allocations during the run: {allocated / 1048576.0:F1} MiB");
            return process.PeakWorkingSet64 < 200L * 1024 * 1024 ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
