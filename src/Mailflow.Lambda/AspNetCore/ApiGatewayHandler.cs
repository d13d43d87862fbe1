using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mailflow.Lambda.Runtime;

namespace Mailflow.Lambda.AspNetCore;

/// <summary>
/// The Lambda handler of an ASP.NET Core application behind an API Gateway HTTP API: event JSON → request through
/// <see cref="ApiGatewayServer"/> → response JSON. Application errors are HTTP responses (500), not invocation errors;
/// an invocation error means the event itself was not a payload 2.0 request.
/// </summary>
public sealed class ApiGatewayHandler(ApiGatewayServer server) : ILambdaHandler
{
    /// <summary>
    /// The response goes to API Gateway, not into HTML, so only what JSON requires is escaped: the default encoder would
    /// write every quote of a JSON body as <c>\u0022</c>, three times the bytes, against the 6 MB response limit.
    /// </summary>
    private static readonly JsonWriterOptions _wireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var request = JsonSerializer.Deserialize(invocation.Body, LambdaJsonContext.Default.HttpApiRequest)
            ?? throw new InvalidDataException("The event is JSON null, not an API Gateway HTTP API request.");
        if (request.Version != "2.0")
        {
            throw new InvalidDataException(
                $"The event has payload format version '{request.Version}'; this function reads 2.0 only. Set the API Gateway integration's PayloadFormatVersion to 2.0.");
        }
        var response = await server.ProcessAsync(request, cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, _wireOptions))
        {
            JsonSerializer.Serialize(writer, response, LambdaJsonContext.Default.HttpApiResponse);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
