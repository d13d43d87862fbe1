using Amazon.Runtime;
using Mailflow.Aws.Ses;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Aws.Tests.Ses;

/// <summary>An <see cref="SesV2MailSender"/> wired for a test: fixed credentials, fake time, captured logs.</summary>
internal sealed class SenderUnderTest : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 30, 5, TimeSpan.Zero);

    /// <summary>Temporary credentials, as a Lambda role has them (AWS documentation's example key pair).</summary>
    public static readonly ImmutableCredentials RoleCredentials = new("ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE//session+token=");

    public SenderUnderTest(Uri endpoint, string region = "eu-west-1", string? configurationSet = null, ImmutableCredentials? credentials = null,
        TimeSpan? timeout = null, TimeProvider? time = null, Func<CancellationToken, ValueTask<ImmutableCredentials>>? credentialSource = null)
    {
        Time = time ?? new FakeTimeProvider(Now);
        Options = new SesV2Options
        {
            Region = region,
            Endpoint = endpoint,
            ConfigurationSetName = configurationSet,
            Credentials = credentialSource ?? SesCredentials.Fixed(credentials ?? RoleCredentials),
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        Sender = new SesV2MailSender(Http, Options, Time, Logger);
    }

    public HttpClient Http { get; } = new();
    public TimeProvider Time { get; }
    public SesV2Options Options { get; }
    public FakeLogger<SesV2MailSender> Logger { get; } = new();
    public SesV2MailSender Sender { get; }

    public string AllLogText => string.Join("\n", Logger.Collector.GetSnapshot().Select(r => r.Message + " " + r.Exception?.Message));

    public void Dispose() => Http.Dispose();
}
