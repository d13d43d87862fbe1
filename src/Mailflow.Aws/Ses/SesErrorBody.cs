using System.Text.Json.Serialization;

namespace Mailflow.Aws.Ses;

/// <summary>
/// The body of an SES v2 error (AWS restJson1 protocol): <c>{"message": "…"}</c>, sometimes with the error type in
/// <c>__type</c> or <c>code</c>; the type normally comes in the <c>x-amzn-ErrorType</c> header
/// (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization).
/// Names are matched ignoring case: services write both <c>message</c> and <c>Message</c>.
/// </summary>
internal sealed record SesErrorBody(
    string? Message,
    [property: JsonPropertyName("__type")] string? Type,
    string? Code);
