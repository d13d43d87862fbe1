using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Lambda.Runtime;

/// <summary>Settings of <see cref="LambdaHost"/>; the defaults are what a function on Lambda needs.</summary>
public sealed class LambdaHostOptions
{
    /// <summary>host:port of the Runtime API; null reads <c>AWS_LAMBDA_RUNTIME_API</c>, as on Lambda.</summary>
    public string? RuntimeApi { get; set; }

    /// <summary>
    /// How long before the deadline the invocation's token is cancelled. Zero cancels at the deadline itself, which on
    /// Lambda is also when the function is stopped; a worker that wants to report what it finished sets a margin.
    /// </summary>
    public TimeSpan DeadlineMargin { get; set; } = TimeSpan.Zero;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public ILogger Logger { get; set; } = NullLogger.Instance;
}
