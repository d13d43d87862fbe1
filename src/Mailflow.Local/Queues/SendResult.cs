namespace Mailflow.Local.Queues;

/// <summary>What SQS answers to a send: the message id and the MD5 digests of body and attributes, as SQS computes them.</summary>
public sealed record SendResult(string MessageId, string Md5OfBody, string? Md5OfMessageAttributes);
