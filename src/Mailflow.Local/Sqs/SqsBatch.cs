using System.Text.RegularExpressions;
using Mailflow.Local.Queues;
using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs;

/// <summary>
/// The entry checks that refuse a whole batch request (SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch):
/// none or more than 10, an invalid or repeated Id. Anything wrong with one entry's content fails that entry only.
/// </summary>
internal static partial class SqsBatch
{
    public const int MaxEntries = 10;

    public static IReadOnlyList<T> CheckEntries<T>(IReadOnlyList<T>? entries, Func<T, string?> id, string entryType)
    {
        if (entries is null || entries.Count == 0)
        {
            throw new SqsError("EmptyBatchRequest", $"There should be at least one {entryType} in the request.");
        }
        if (entries.Count > MaxEntries)
        {
            throw new SqsError("TooManyEntriesInBatchRequest", $"Maximum number of entries per request are {MaxEntries}. You have sent {entries.Count}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var entryId = id(entry);
            if (entryId is null || !EntryId().IsMatch(entryId))
            {
                throw new SqsError("InvalidBatchEntryId",
                    $"Batch entry id '{entryId}' is invalid: it can only contain alphanumeric characters, hyphens and underscores, and be at most 80 long.");
            }
            if (!seen.Add(entryId))
            {
                throw new SqsError("BatchEntryIdsNotDistinct", $"Id {entryId} repeated.");
            }
        }
        return entries;
    }

    /// <summary>
    /// Runs each entry's work in turn and reports it as successful or failed with its error, in entry order; empty lists
    /// are null, as SQS omits them.
    /// </summary>
    public static async Task<(List<BatchResultEntry>? Successful, List<BatchResultErrorEntry>? Failed)> RunEachAsync<T>(
        IReadOnlyList<T> entries, Func<T, string> id, Func<T, Task> work)
    {
        var successful = new List<BatchResultEntry>();
        var failed = new List<BatchResultErrorEntry>();
        foreach (var entry in entries)
        {
            try
            {
                await work(entry);
                successful.Add(new BatchResultEntry(id(entry)));
            }
            catch (SqsError error)
            {
                failed.Add(BatchResultErrorEntry.From(id(entry), error));
            }
            catch (QueueEngineException refused)
            {
                failed.Add(BatchResultErrorEntry.From(id(entry), SqsError.From(refused)));
            }
        }
        return (successful.Count == 0 ? null : successful, failed.Count == 0 ? null : failed);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex EntryId();
}
