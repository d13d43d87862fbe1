using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mailflow.Core.Ports;
using Mailflow.Core.Redaction;

namespace Mailflow.Aws.Ses;

/// <summary>
/// Classifies a failed SES v2 <c>SendEmail</c> once, at the adapter boundary (STYLE.md §6). Transient failures become
/// <see cref="MailDeferredException"/> and the platform redelivers the queue message (LESSONS.md: let the platform
/// redeliver); failures no retry can fix become <see cref="MailRejectedException"/> and dead-letter with their reason.
/// The errors <c>SendEmail</c> declares are listed in https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html#API_SendEmail_Errors;
/// the type comes from the <c>x-amzn-ErrorType</c> header or the body (restJson1).
/// <list type="table">
/// <item><term>deferred</term><description><c>TooManyRequestsException</c> (429: sending rate), <c>LimitExceededException</c>
/// (a quota, e.g. the daily one, that refills), <c>SendingPausedException</c> (the account or the configuration set is
/// paused: "currently paused" — by an operator, or by SES over reputation — and resuming it lets the waiting mail go, so it
/// must not dead-letter everything meanwhile), throttling, 5xx, timeouts, network failures, and credential or permission
/// errors (expired token, bad signature, IAM denying <c>ses:SendEmail</c>): an operator fixes the role, the mail is fine.</description></item>
/// <item><term>rejected</term><description><c>MessageRejected</c> (invalid content, unverified identity),
/// <c>MailFromDomainNotVerifiedException</c>, <c>BadRequestException</c> and other validation errors, <c>NotFoundException</c>
/// (the configuration set does not exist), and <c>AccountSuspendedException</c>: AWS documents it as "permanently
/// restricted", reinstating takes an appeal, and retrying until the queue's receive limit would reach the same dead-letter
/// queue later and without a reason; dead letters can be replayed once sending is reinstated.</description></item>
/// </list>
/// An unknown type falls back on the HTTP status: 408, 429, 5xx, 401 and 403 defer; any other 4xx rejects (RFC 9110 §15.5:
/// the request should not be repeated unchanged). Messages quote SES with every address masked, on one line.
/// </summary>
internal static partial class SesV2Failures
{
    private const int MaxQuotedLength = 400;

    private static readonly HashSet<string> _transientTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "TooManyRequestsException", "LimitExceededException", "SendingPausedException",
        "ThrottlingException", "Throttling", "ThrottledException", "RequestLimitExceeded",
        "InternalFailure", "InternalServerError", "InternalServiceErrorException", "ServiceUnavailable", "ServiceUnavailableException",
        "RequestTimeout", "RequestTimeoutException",
    };

    private static readonly HashSet<string> _credentialTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "ExpiredTokenException", "ExpiredToken", "RequestExpired", "AccessDeniedException", "AccessDenied",
        "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
        "IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationToken", "MissingAuthenticationTokenException",
        "NotAuthorized",
    };

    private static readonly HashSet<string> _permanentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "MessageRejected", "MailFromDomainNotVerifiedException", "BadRequestException", "ValidationException",
        "SerializationException", "NotFoundException", "AccountSuspendedException",
    };

    /// <summary>The exception for an SES answer that was not a success.</summary>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    public static Exception FromResponse(HttpStatusCode status, string? errorTypeHeader, string? body, string endpoint)
    {
        var error = ParseBody(body);
        var type = ErrorType(errorTypeHeader) ?? ErrorType(error?.Type) ?? ErrorType(error?.Code);
        var code = (int)status;
        var quoted = Quote(error?.Message ?? (error is null ? body : null));
        var what = $"SES ({endpoint}) answered {code.ToString(CultureInfo.InvariantCulture)} {type ?? status.ToString()}{(quoted.Length > 0 ? ": " + quoted : "")}";

        if (type is not null && _permanentTypes.Contains(type))
        {
            return new MailRejectedException($"{what}. {PermanentAdvice(type)}");
        }
        if (type is not null && _transientTypes.Contains(type))
        {
            return new MailDeferredException($"{what}. {TransientAdvice(type)}The mail will be retried.");
        }
        if ((type is not null && _credentialTypes.Contains(type)) || code is 401 or 403)
        {
            return new MailDeferredException(
                $"{what}. Check the credentials and the IAM role (it needs ses:SendEmail on the sending identity and configuration set). The mail will be retried.");
        }
        return code is 408 or 429 or >= 500 or < 400
            ? new MailDeferredException($"{what}. The mail will be retried.")
            : new MailRejectedException($"{what}. SES refused the request; sending it again unchanged cannot succeed.");
    }

    /// <summary>The request never got an answer: the network failed or the timeout ran out.</summary>
    public static MailDeferredException Unanswered(Exception exception, string endpoint, TimeSpan timeout) => exception switch
    {
        OperationCanceledException or TimeoutException => new MailDeferredException(
            $"SES ({endpoint}) did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. SES may have taken the mail; it will be retried.", exception),
        HttpRequestException http => new MailDeferredException(
            $"Cannot reach SES ({endpoint}): {http.HttpRequestError} ({Quote(http.Message)}). The mail will be retried.", exception),
        _ => new MailDeferredException(
            $"Sending through SES ({endpoint}) failed ({exception.GetType().Name}: {Quote(exception.Message)}). The mail will be retried.", exception),
    };

    /// <summary>SES free text fit for exception messages and logs: one line, addresses masked (<see cref="Redact.Address"/>), bounded in length.</summary>
    public static string Quote(string? text)
    {
        var line = string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        line = AddressPattern().Replace(line, match => Redact.Address(match.Value));
        if (line.Length <= MaxQuotedLength)
        {
            return line;
        }
        var cut = char.IsHighSurrogate(line[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength;
        return string.Concat(line.AsSpan(0, cut), "…");
    }

    /// <summary><c>MessageRejected:http://internal.amazon.com/coral/…</c> and <c>com.amazon.coral.service#MessageRejected</c> both name <c>MessageRejected</c>.</summary>
    private static string? ErrorType(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var type = raw.Trim();
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            type = type[..colon];
        }
        var hash = type.LastIndexOf('#');
        if (hash >= 0)
        {
            type = type[(hash + 1)..];
        }
        return type.Length == 0 ? null : type;
    }

    private static SesErrorBody? ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.TrimStart().StartsWith('{'))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(body, SesV2JsonContext.Default.SesErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string PermanentAdvice(string type) => type switch
    {
        "AccountSuspendedException" => "The SES account may no longer send (permanently restricted until AWS reinstates it): "
            + "contact AWS Support, then replay the dead letters.",
        "MailFromDomainNotVerifiedException" => "The custom MAIL FROM domain of the sending identity is not verified: fix its MX record.",
        "NotFoundException" => "Something the request names does not exist, usually the configuration set: fix outbound settings.",
        "MessageRejected" => "SES will not send this mail as it is (content, or an identity that is not verified).",
        _ => "SES refused the request; sending it again unchanged cannot succeed.",
    };

    private static string TransientAdvice(string type) => type switch
    {
        "SendingPausedException" => "Sending is paused for the account or the configuration set; resume it to let waiting mail go. ",
        "LimitExceededException" => "A sending quota is used up. ",
        _ => "",
    };

    [GeneratedRegex(@"[^\s<>()\[\]""',;:@]+@[^\s<>()\[\]""',;:@]+", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}
