namespace Mailflow.Core.Pipeline;

/// <summary>
/// The partial batch response: the records to retry. Everything else is done (processed, or dead-lettered
/// with diagnostics) and may be deleted (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
/// </summary>
/// <param name="RetryDelays">
/// For some of the failed records, exactly when they should come back (a rate limit's wait). The consumer sets
/// their visibility to that (ChangeMessageVisibility) before reporting them failed; the others use its own backoff.
/// </param>
public sealed record BatchResult(IReadOnlyList<string> FailedMessageIds, IReadOnlyDictionary<string, TimeSpan> RetryDelays);
