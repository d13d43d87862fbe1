namespace Mailflow.Core.Configuration;

/// <summary>How long Mailflow keeps what it stores.</summary>
public sealed record RetentionConfig
{
    public int RawMailDays { get; set; } = 30;
    public int AttachmentDays { get; set; } = 30;
    public int LedgerDays { get; set; } = 90;

    /// <summary>SQS allows 60 s to 14 days; 4 days is the SQS default.</summary>
    public int QueueMessageSeconds { get; set; } = 345_600;
}
