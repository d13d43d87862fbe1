namespace Mailflow.Core.Pipeline;

/// <summary>
/// The partial batch response: the records to retry. Everything else is done (processed, or dead-lettered
/// with diagnostics) and may be deleted (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
/// </summary>
public sealed record BatchResult(IReadOnlyList<string> FailedMessageIds);
