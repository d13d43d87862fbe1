using Microsoft.Extensions.Logging;

namespace Mailflow.Local;

/// <summary>Log events of local mode's worker loop. No addresses or subjects.</summary>
internal static partial class LocalLog
{
    [LoggerMessage(3200, LogLevel.Error, "Polling {Queue} failed; retrying in a second")]
    public static partial void WorkerPollFailed(ILogger logger, string queue, Exception exception);
}
