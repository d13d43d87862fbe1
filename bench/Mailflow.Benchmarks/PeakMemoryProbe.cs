using System.Diagnostics;
using Mailflow.Core.Configuration;

namespace Mailflow.Benchmarks;

/// <summary>
/// Processes one large mail (about 40 MB on disk, one PDF attachment) in this fresh process and prints
/// the process's peak working set. Target (issue 2): under 200 MB. Run as <c>peak-memory [ATTACHMENT_MIB]</c>.
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
            var config = DefaultConfig.Instance with { Limits = new LimitsConfig { MaxAttachmentBytes = MaxAttachmentBytes } };
            var bench = new BenchPipeline(config);
            var notification = BenchPipeline.Notification("bench-large");
            bench.RawMail.PutFile(notification.Receipt.Action.ObjectKey, path);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.PeakWorkingSet64;
            var clock = Stopwatch.StartNew();
            var result = await bench.Pipeline.ProcessAsync(notification, CancellationToken.None);
            clock.Stop();
            process.Refresh();
            var outcomes = string.Join(", ", result.Deliveries.Select(d => $"{d.App}:{d.Outcome}"));
            Console.WriteLine($"large mail: {size / 1048576.0:F1} MiB on disk, attachment {attachmentMiB} MiB decoded, {bench.Attachments.BytesStored / 1048576.0:F1} MiB stored; outcomes {outcomes}");
            Console.WriteLine($"time: {clock.Elapsed.TotalMilliseconds:F0} ms");
            Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1048576.0:F1} MiB (before processing: {before / 1048576.0:F1} MiB); target < 200 MiB");
            Console.WriteLine($"managed allocations during the run: {GC.GetTotalAllocatedBytes() / 1048576.0:F1} MiB");
            return process.PeakWorkingSet64 < 200L * 1024 * 1024 ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const long MaxAttachmentBytes = 40L * 1024 * 1024;
}
