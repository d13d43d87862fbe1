using Amazon.Runtime;
using Mailflow.Aws.Operations;
using Mailflow.Aws.Ses;
using Mailflow.Testing.Stubs;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>An <see cref="AwsInboundControl"/> against a <see cref="FakeControlPlane"/>: fixed role credentials with a session token, fake time.</summary>
internal sealed class ControlUnderTest : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 30, 5, TimeSpan.Zero);

    public static readonly ImmutableCredentials RoleCredentials = new("ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE//session+token=");

    public ControlUnderTest(FakeControlPlane plane, ImmutableCredentials? credentials = null, TimeSpan? timeout = null)
    {
        Options = new AwsInboundControlOptions
        {
            Region = "eu-west-1",
            LambdaEndpoint = plane.Endpoint,
            SesEndpoint = plane.Endpoint,
            Targets = new InboundControlTargets(FakeControlPlane.MappingId, FakeControlPlane.RuleSet, FakeControlPlane.RuleName),
            InboundQueue = "mailflow-prod-inbound",
            InboundQueueRetention = TimeSpan.FromDays(4),
            Credentials = SesCredentials.Fixed(credentials ?? RoleCredentials),
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        Control = new AwsInboundControl(Http, Options, Time);
    }

    public HttpClient Http { get; } = new();
    public FakeTimeProvider Time { get; } = new(Now);
    public AwsInboundControlOptions Options { get; }
    public AwsInboundControl Control { get; }

    public void Dispose() => Http.Dispose();
}
