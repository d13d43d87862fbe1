namespace Mailflow.Core.Ses;

/// <summary>The receipt rule action that produced the notification; for the S3 action, where the raw mail was stored.</summary>
public sealed record SesAction
{
    public string Type { get; set; } = "S3";
    public string? TopicArn { get; set; }
    public required string BucketName { get; set; }
    public string? ObjectKeyPrefix { get; set; }
    public required string ObjectKey { get; set; }
}
