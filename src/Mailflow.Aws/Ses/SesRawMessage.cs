namespace Mailflow.Aws.Ses;

/// <summary>
/// <c>RawMessage</c> of SES v2 (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_RawMessage.html): the whole
/// MIME message, which "must be Base64 encoded" over HTTPS. System.Text.Json writes a byte buffer as Base64.
/// </summary>
internal sealed record SesRawMessage(ReadOnlyMemory<byte> Data);
