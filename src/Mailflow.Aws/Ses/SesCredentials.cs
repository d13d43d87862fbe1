using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Mailflow.Aws.Ses;

/// <summary>Credential sources for <see cref="SesV2Options.Credentials"/>.</summary>
public static class SesCredentials
{
    /// <summary>
    /// The AWS SDK's default credential chain (<see cref="DefaultAWSCredentialsIdentityResolver"/>: environment variables,
    /// web identity, profiles, container and instance metadata,
    /// https://docs.aws.amazon.com/sdk-for-net/v4/developer-guide/creds-assign.html). On Lambda the first link answers: the
    /// runtime puts the execution role's temporary credentials in <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and
    /// <c>AWS_SESSION_TOKEN</c> (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    /// The resolver caches what it found and the returned credentials refresh themselves, so asking on every send is cheap.
    /// </summary>
    public static Func<CancellationToken, ValueTask<ImmutableCredentials>> DefaultChain() =>
        async cancellationToken =>
        {
            var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        };

    /// <summary>Always the same credentials: for tests and emulators.</summary>
    public static Func<CancellationToken, ValueTask<ImmutableCredentials>> Fixed(ImmutableCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return _ => ValueTask.FromResult(credentials);
    }
}
