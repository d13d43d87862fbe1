using Microsoft.Extensions.Logging;

namespace Mailflow.Lambda.Runtime;

/// <summary>
/// Logging for a function: one JSON object per line on stdout, which Lambda sends to CloudWatch Logs, where Logs
/// Insights reads the fields (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html). Level
/// from <c>MAILFLOW_LOG_LEVEL</c> (default Information). Mailflow's log events carry no addresses, subjects or bodies.
/// </summary>
public static class FunctionLogging
{
    public const string LevelVariable = "MAILFLOW_LOG_LEVEL";

    public static ILoggerFactory Create() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(LevelVariable), ignoreCase: true, out var level) ? level : LogLevel.Information)
        .AddJsonConsole(console =>
        {
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        }));
}
