using Microsoft.Extensions.Logging;

namespace Mailflow.Api;

/// <summary>The API's log messages (source-generated: no formatting cost when the level is off).</summary>
public static partial class ApiLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "The inbound state could not be read for the health check")]
    public static partial void InboundStateUnreadable(ILogger logger, Exception exception);
}
