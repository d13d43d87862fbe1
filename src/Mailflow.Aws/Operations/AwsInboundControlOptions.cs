using Amazon.Runtime;
using Mailflow.Aws.Ses;
using Mailflow.Core.Configuration;

namespace Mailflow.Aws.Operations;

/// <summary>Settings of <see cref="AwsInboundControl"/>: where the two control-plane APIs are, what to change, how to sign.</summary>
public sealed class AwsInboundControlOptions
{
    /// <summary>The region both APIs are called in and signed for (the stack's region).</summary>
    public required string Region { get; init; }

    /// <summary>The Lambda API: <see cref="DefaultLambdaEndpoint"/> on AWS, a stub in tests. A path, if any, is kept in front of the API path.</summary>
    public required Uri LambdaEndpoint { get; init; }

    /// <summary>The SES classic (v1) API: <see cref="DefaultSesEndpoint"/> on AWS, a stub in tests.</summary>
    public required Uri SesEndpoint { get; init; }

    public required InboundControlTargets Targets { get; init; }

    /// <summary>The inbound queue's name and message retention, for the consequence of a pause.</summary>
    public required string InboundQueue { get; init; }

    public required TimeSpan InboundQueueRetention { get; init; }

    /// <summary>Called once per request, so rotating role credentials are picked up (<see cref="SesCredentials.DefaultChain"/> on Lambda).</summary>
    public required Func<CancellationToken, ValueTask<ImmutableCredentials>> Credentials { get; init; }

    /// <summary>How long one API call may take, connection included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>https://lambda.{region}.amazonaws.com (https://docs.aws.amazon.com/general/latest/gr/lambda-service.html).</summary>
    public static Uri DefaultLambdaEndpoint(string region) => new($"https://lambda.{region}.amazonaws.com", UriKind.Absolute);

    /// <summary>https://email.{region}.amazonaws.com, the host of both SES APIs (https://docs.aws.amazon.com/general/latest/gr/ses.html).</summary>
    public static Uri DefaultSesEndpoint(string region) => SesV2Options.DefaultEndpoint(region);

    /// <summary>
    /// The options of the API function: targets from the deployment settings (missing ones fail, naming their variables),
    /// endpoints from <see cref="AwsEnvironment"/> (<c>AWS_ENDPOINT_URL_LAMBDA</c>, <c>AWS_ENDPOINT_URL_SES</c>, else the
    /// global override, else the region's), the inbound queue and its retention from the configuration, and the SDK's
    /// default credential chain.
    /// </summary>
    /// <exception cref="InvalidOperationException">MAILFLOW_INBOUND_MAPPING_ID, MAILFLOW_RECEIPT_RULE_SET or MAILFLOW_RECEIPT_RULE is missing.</exception>
    public static AwsInboundControlOptions For(DeploymentSettings settings, AwsEnvironment aws)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(aws);
        return new AwsInboundControlOptions
        {
            Region = aws.Region,
            LambdaEndpoint = aws.EndpointFor(AwsEnvironment.Lambda) ?? DefaultLambdaEndpoint(aws.Region),
            SesEndpoint = aws.EndpointFor(AwsEnvironment.Ses) ?? DefaultSesEndpoint(aws.Region),
            Targets = settings.RequireInboundControl(),
            InboundQueue = new QueueNames(settings.Config.Environment).Inbound,
            InboundQueueRetention = TimeSpan.FromSeconds(settings.Config.Retention.QueueMessageSeconds),
            Credentials = SesCredentials.DefaultChain(),
        };
    }
}
