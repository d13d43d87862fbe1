namespace Mailflow.Local.Sqs.Actions;

/// <summary>ChangeMessageVisibility: a new visibility timeout (0-43200 s) for a received message, counted from now.</summary>
internal static class ChangeMessageVisibilityAction
{
    public const int MaxVisibilitySeconds = 43_200;

    internal sealed class Request
    {
        public string? QueueUrl { get; set; }

        public string? ReceiptHandle { get; set; }

        public int? VisibilityTimeout { get; set; }
    }

    public static async Task<SqsReply> HandleAsync(SqsCall call)
    {
        var request = call.Read(SqsJsonContext.Default.ChangeMessageVisibilityRequest);
        var queue = SqsQueueAddresses.NameFromUrl(request.QueueUrl);
        var (receiptHandle, timeout) = Check(request.ReceiptHandle, request.VisibilityTimeout);
        await call.Engine.ChangeVisibilityAsync(queue, receiptHandle, timeout, call.CancellationToken);
        return SqsReply.Empty;
    }

    public static (string ReceiptHandle, TimeSpan Timeout) Check(string? receiptHandle, int? visibilityTimeout)
    {
        if (string.IsNullOrEmpty(receiptHandle))
        {
            throw SqsError.MissingParameter("ReceiptHandle");
        }
        return visibilityTimeout switch
        {
            null => throw SqsError.MissingParameter("VisibilityTimeout"),
            < 0 or > MaxVisibilitySeconds => throw SqsError.OutOfRange("VisibilityTimeout", visibilityTimeout.Value, 0, MaxVisibilitySeconds),
            _ => (receiptHandle, TimeSpan.FromSeconds(visibilityTimeout.Value)),
        };
    }
}
