using Microsoft.Extensions.Logging;

namespace Mailflow.Local;

/// <summary>Log events of local mode's hosting, worker and recovery. No addresses or subjects.</summary>
internal static partial class LocalLog
{
    [LoggerMessage(3200, LogLevel.Error, "Polling {Queue} failed; retrying in a second")]
    public static partial void WorkerPollFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(3201, LogLevel.Information, "Recovered {Count} stored mail(s) that had not reached the inbound queue")]
    public static partial void Recovered(ILogger logger, int count);
}
