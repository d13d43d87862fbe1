namespace Mailflow.Cdk.Configuration;

/// <summary><c>retention</c> of mailflow.json: bucket lifecycles and queue retention come from here. Defaults equal the schema's.</summary>
public sealed record RetentionSettings
{
    public int RawMailDays { get; init; } = 30;
    public int AttachmentDays { get; init; } = 30;
    public int LedgerDays { get; init; } = 90;

    /// <summary>SQS allows 60 s to 14 days (<see href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html">MessageRetentionPeriod</see>).</summary>
    public int QueueMessageSeconds { get; init; } = 345_600;
}
