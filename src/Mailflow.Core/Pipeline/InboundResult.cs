namespace Mailflow.Core.Pipeline;

/// <summary>Everything the pipeline did with one received mail.</summary>
public sealed record InboundResult(string SesMessageId, long Size, IReadOnlyList<Delivery> Deliveries);
