using System.Net;
using Mailflow.Core.Configuration;
using Mailflow.Local.Http;

namespace Mailflow.Local.Hosting;

/// <summary>What <c>mailflow run</c> was asked for: configuration, data directory and the three listeners.</summary>
public sealed record LocalGatewayOptions(MailflowConfig Config, string DataDirectory, IPEndPoint Smtp, IPEndPoint Http, IPEndPoint Sqs)
{
    /// <summary>Inbound batches processed side by side, like concurrent Lambda invocations.</summary>
    public int WorkerConcurrency { get; init; } = 8;

    /// <summary>Accepted but unrouted mails above which SMTP sessions wait before storing more (<see cref="Inbound.InboundFlowControl"/>).</summary>
    public int FlowControlLimit { get; init; } = 64;

    /// <summary>Outbound batches processed side by side (their records are sent in parallel over the relay sender's connection pool).</summary>
    public int OutboundConcurrency { get; init; } = 4;

    /// <summary>The SMTP relay for outbound mail (<c>--relay</c>), overriding <c>outbound.relay</c>; with neither, mail is captured to the outbox.</summary>
    public RelayConfig? Relay { get; init; }

    /// <summary>What the HTTP listener serves (the API, given the local backends); null serves nothing (404).</summary>
    public ILocalHttpApplication? HttpApplication { get; init; }

    /// <summary>The relay in effect: the command line's, else the configuration's, else none (capture).</summary>
    public RelayConfig? EffectiveRelay => Relay ?? Config.Outbound.Relay;
}
