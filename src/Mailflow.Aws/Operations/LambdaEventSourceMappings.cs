using System.Globalization;
using System.Text.Json;

namespace Mailflow.Aws.Operations;

/// <summary>
/// Reads and toggles one Lambda event source mapping through the Lambda API (restJson1, signing name <c>lambda</c>):
/// <c>GET /2015-03-31/event-source-mappings/{UUID}</c>
/// (https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html) and
/// <c>PUT</c> on the same path with <c>{"Enabled":false|true}</c>
/// (https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html): only <c>Enabled</c> is sent, so
/// batch size, window, concurrency and ReportBatchItemFailures stay as CDK set them. Timestamps are epoch seconds, as
/// restJson1 writes them (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#json-shape-serialization).
/// </summary>
internal sealed class LambdaEventSourceMappings(SignedAwsApi api)
{
    public const string SigningName = "lambda";
    private const string Permission = "lambda:GetEventSourceMapping and lambda:UpdateEventSourceMapping on this mapping's ARN";

    public Task<EventSourceMapping> GetAsync(string uuid, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Get, uuid, null, "GetEventSourceMapping", cancellationToken);

    public Task<EventSourceMapping> SetEnabledAsync(string uuid, bool enabled, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, uuid, enabled ? """{"Enabled":true}"""u8.ToArray() : """{"Enabled":false}"""u8.ToArray(), "UpdateEventSourceMapping", cancellationToken);

    private async Task<EventSourceMapping> CallAsync(HttpMethod method, string uuid, byte[]? body, string operation, CancellationToken cancellationToken)
    {
        var path = "/2015-03-31/event-source-mappings/" + Uri.EscapeDataString(uuid);
        var answer = await api.SendAsync(method, path, body ?? [], body is null ? null : "application/json", cancellationToken).ConfigureAwait(false);
        var what = $"{operation} of event source mapping {uuid}";
        if (!answer.IsSuccess)
        {
            throw InboundControlFailures.From(answer, ErrorOf(answer), api.Name, what, Permission,
                $"Check {DeploymentSettings.InboundMappingIdVariable} ({uuid}): it must be the UUID of the worker's inbound event source mapping, which the stack creates; redeploy if it was deleted.");
        }
        return Parse(answer.Body, what);
    }

    private EventSourceMapping Parse(string body, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var state = root.TryGetProperty("State", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.IsNullOrEmpty(state))
            {
                throw InboundControlFailures.Unreadable(api.Name, what, "no State");
            }
            var uuid = root.TryGetProperty("UUID", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
            return new EventSourceMapping(uuid, state, LastModified(root));
        }
        catch (JsonException e)
        {
            throw InboundControlFailures.Unreadable(api.Name, what, e.Message);
        }
    }

    private static DateTimeOffset? LastModified(JsonElement root)
    {
        if (!root.TryGetProperty("LastModified", out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }
        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>The type from <c>x-amzn-ErrorType</c> (<c>ResourceNotFoundException:http://…</c>), else the body's <c>__type</c>/<c>Type</c>; the message from <c>Message</c>/<c>message</c>.</summary>
    private static AwsApiError ErrorOf(AwsApiAnswer answer)
    {
        string? code = Code(answer.ErrorTypeHeader), message = null;
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }
                    if (property.NameEquals("__type") || (code is null && property.NameEquals("code")))
                    {
                        code ??= Code(property.Value.GetString());
                    }
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                    {
                        message = property.Value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
        }
        return new AwsApiError(code, message);
    }

    private static string? Code(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var type = raw.Trim();
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        type = colon >= 0 ? type[..colon] : type;
        var hash = type.LastIndexOf('#');
        type = hash >= 0 ? type[(hash + 1)..] : type;
        return type.Length == 0 ? null : type;
    }
}
