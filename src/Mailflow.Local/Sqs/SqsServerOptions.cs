using System.Net;

namespace Mailflow.Local.Sqs;

/// <summary>Where the SQS-compatible endpoint listens and which region its queue ARNs name.</summary>
public sealed record SqsServerOptions
{
    /// <summary>A loopback address only (the endpoint checks no credentials); port 0 picks a free port.</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The region in queue ARNs (<c>arn:aws:sqs:{region}:000000000000:{queue}</c>); SDK clients may use any.</summary>
    public string Region { get; init; } = "us-east-1";
}
