using Amazon.Runtime;

namespace Mailflow.Aws.Ses;

/// <summary>Settings of <see cref="SesV2MailSender"/>.</summary>
public sealed class SesV2Options
{
    /// <summary>The SES region the mail is sent from, e.g. <c>eu-west-1</c>: the SigV4 signing region and the domain of the rewritten Message-ID.</summary>
    public required string Region { get; init; }

    /// <summary>
    /// Where the SES v2 API is: <see cref="DefaultEndpoint"/> on AWS, an emulator in tests. <see cref="EndpointFor"/>
    /// applies the SDKs' endpoint override variables. A path, if any, is kept in front of <c>/v2/email/outbound-emails</c>.
    /// </summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The configuration set to send with (event publishing, dedicated IPs), or null for the account's default.</summary>
    public string? ConfigurationSetName { get; init; }

    /// <summary>
    /// Supplies the credentials to sign each request with; called once per send, so rotating credentials are picked up.
    /// On Lambda use <see cref="SesCredentials.DefaultChain"/> (the function role's temporary credentials, session token
    /// included); tests pass <see cref="SesCredentials.Fixed"/>.
    /// </summary>
    public required Func<CancellationToken, ValueTask<ImmutableCredentials>> Credentials { get; init; }

    /// <summary>How long one SendEmail call may take, connection included, before the mail is deferred.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The regional SES v2 endpoint, <c>https://email.{region}.amazonaws.com</c>
    /// (https://docs.aws.amazon.com/general/latest/gr/ses.html; the model's <c>endpointPrefix</c> is <c>email</c>).
    /// </summary>
    public static Uri DefaultEndpoint(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return new Uri($"https://email.{region}.amazonaws.com", UriKind.Absolute);
    }

    /// <summary>
    /// The endpoint the AWS SDKs would use: the SESv2 override of <paramref name="aws"/> (<c>AWS_ENDPOINT_URL_SESV2</c>,
    /// else <c>AWS_ENDPOINT_URL</c>, unless <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c>), else <see cref="DefaultEndpoint"/>.
    /// <see cref="AwsEnvironment"/> reads and checks those variables, for SES as for the other services.
    /// </summary>
    public static Uri EndpointFor(AwsEnvironment aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return aws.EndpointFor(AwsEnvironment.SesV2) ?? DefaultEndpoint(aws.Region);
    }
}
