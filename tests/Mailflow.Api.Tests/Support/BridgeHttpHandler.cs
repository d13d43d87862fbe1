using System.Net;
using Mailflow.Lambda.AspNetCore;
using Mailflow.Lambda.Events.ApiGateway;

namespace Mailflow.Api.Tests.Support;

/// <summary>
/// Sends an <see cref="HttpRequestMessage"/> through the API Gateway v2 bridge as API Gateway would deliver it
/// (payload format 2.0: lower-cased headers, cookies apart, base64 bodies), so one test can run over both hosts.
/// </summary>
public sealed class BridgeHttpHandler(ApiGatewayServer server) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["host"] = uri.Authority };
        foreach (var (name, values) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = string.Join(",", values);
        }
        string? body = null;
        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers)
            {
                headers[name.ToLowerInvariant()] = string.Join(",", values);
            }
            body = Convert.ToBase64String(await content.ReadAsByteArrayAsync(cancellationToken));
        }
        var apiRequest = new HttpApiRequest
        {
            RawPath = uri.AbsolutePath,
            RawQueryString = uri.Query.TrimStart('?'),
            Headers = headers,
            Body = body,
            IsBase64Encoded = body is not null,
            RequestContext = new HttpApiRequestContext
            {
                RequestId = Guid.NewGuid().ToString(),
                DomainName = uri.Host,
                Http = new HttpApiRequestHttp { Method = request.Method.Method, Path = uri.AbsolutePath, Protocol = "HTTP/1.1", SourceIp = "127.0.0.1" },
            },
        };
        var response = await server.ProcessAsync(apiRequest, cancellationToken);
        var bytes = response.Body is null ? [] : response.IsBase64Encoded ? Convert.FromBase64String(response.Body) : System.Text.Encoding.UTF8.GetBytes(response.Body);
        var message = new HttpResponseMessage((HttpStatusCode)response.StatusCode) { Content = new ByteArrayContent(bytes), RequestMessage = request };
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return message;
    }
}
