using Microsoft.Extensions.Logging;

namespace Mailflow.Local.Sqs;

/// <summary>The SQS endpoint's log events. Source-generated ([LoggerMessage]); no message body or attribute is logged.</summary>
internal static partial class SqsLog
{
    [LoggerMessage(3000, LogLevel.Information, "SQS-compatible endpoint listening on {Url} (AWS JSON 1.0; credentials are not checked)")]
    public static partial void Listening(ILogger logger, Uri url);

    [LoggerMessage(3001, LogLevel.Error, "SQS action {Action} failed unexpectedly; answered 500 InternalFailure")]
    public static partial void Failed(ILogger logger, string action, Exception exception);
}
