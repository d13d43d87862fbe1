namespace Mailflow.Local.Sqs.Wire;

/// <summary>A failed batch entry: the other entries of the batch still succeed (SQS BatchResultErrorEntry).</summary>
internal sealed record BatchResultErrorEntry(string Id, bool SenderFault, string Code, string Message)
{
    public static BatchResultErrorEntry From(string id, SqsError error) => new(id, error.StatusCode < 500, error.Code, error.Message);
}
