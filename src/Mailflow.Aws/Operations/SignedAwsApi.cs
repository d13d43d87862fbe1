using System.Net.Http.Headers;
using Amazon.Runtime;
using Mailflow.Aws.Ses;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// One AWS control-plane API called over plain HTTPS and signed with <see cref="SigV4Signer"/> (the AWS SDK's own signer,
/// as <see cref="SesV2MailSender"/> uses it): there is no SDK package for Lambda or SES here (DESIGN.md §4). Credentials
/// are asked for on every call. A call that gets no answer in time, or none at all, is
/// <see cref="InboundControlException.Unavailable"/>; any answer is returned for the caller to read.
/// </summary>
internal sealed class SignedAwsApi
{
    private readonly HttpClient _http;
    private readonly SigV4Signer _signer;
    private readonly Uri _endpoint;
    private readonly Func<CancellationToken, ValueTask<ImmutableCredentials>> _credentials;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    /// <param name="name">How messages name the API: <c>Lambda</c>, <c>SES</c>.</param>
    /// <param name="signingName">The service's SigV4 signing name: <c>lambda</c>, <c>ses</c>.</param>
    public SignedAwsApi(HttpClient http, string name, string signingName, string region, Uri endpoint,
        Func<CancellationToken, ValueTask<ImmutableCredentials>> credentials, TimeProvider time, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The {name} endpoint must be an absolute http(s) URL, not \"{endpoint}\".", nameof(endpoint));
        }
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The {name} timeout must be positive (got {timeout}).", nameof(timeout));
        }
        _http = http;
        _signer = new SigV4Signer(region, signingName);
        _endpoint = endpoint;
        _credentials = credentials;
        _time = time;
        _timeout = timeout;
        Name = $"{name} ({endpoint.Authority})";
    }

    /// <summary>The API and its host, as error messages name them: <c>Lambda (lambda.eu-west-1.amazonaws.com)</c>.</summary>
    public string Name { get; }

    /// <param name="path">The API path, starting with <c>/</c>; appended to the endpoint's own path.</param>
    /// <exception cref="InboundControlException">No credentials, or no answer (network failure, timeout).</exception>
    public async Task<AwsApiAnswer> SendAsync(HttpMethod method, string path, byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        var credentials = await CredentialsAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var uri = new Uri(_endpoint.AbsoluteUri.TrimEnd('/') + path, UriKind.Absolute);
        using var request = new HttpRequestMessage(method, uri);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        _signer.Sign(request, body, credentials, _time.GetUtcNow());
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            return new AwsApiAnswer((int)response.StatusCode, text, errorType);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var what = e is OperationCanceledException
                ? $"did not answer within {_timeout.TotalSeconds} s"
                : $"could not be reached ({e.GetType().Name}: {SesV2Failures.Quote(e.Message)})";
            throw new InboundControlException(InboundControlException.Unavailable,
                $"{Name} {what}. Nothing may have changed; read the inbound state again, then retry.", e);
        }
    }

    private async Task<ImmutableCredentials> CredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _credentials(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the credential source returned none");
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new InboundControlException(InboundControlException.Denied,
                $"No AWS credentials to sign the {Name} request with ({e.GetType().Name}: {SesV2Failures.Quote(e.Message)}). Check the API function's execution role.", e);
        }
    }
}
