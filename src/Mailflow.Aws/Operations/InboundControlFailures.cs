using System.Globalization;
using Mailflow.Aws.Ses;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// Classifies a failed Lambda or SES control-plane call once, at the adapter boundary (STYLE.md §6), into an
/// <see cref="InboundControlException"/> whose message says what happened and what to check.
/// <list type="bullet">
/// <item>unavailable: throttling (SES <c>Throttling</c>, Lambda <c>TooManyRequestsException</c>), 5xx
/// (<c>ServiceException</c>, <c>InternalFailure</c>, <c>ServiceUnavailable</c>), and Lambda's
/// <c>ResourceInUseException</c>/<c>ResourceConflictException</c> (the mapping is still Enabling, Disabling or
/// Updating: https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html#API_UpdateEventSourceMapping_Errors);</item>
/// <item>denied: <c>AccessDenied</c>/<c>AccessDeniedException</c>, signature and token errors, any 401 or 403;</item>
/// <item>not found: Lambda <c>ResourceNotFoundException</c>, SES <c>RuleDoesNotExist</c> and <c>RuleSetDoesNotExist</c>
/// (https://docs.aws.amazon.com/ses/latest/APIReference/API_DescribeReceiptRule.html#API_DescribeReceiptRule_Errors), any 404;</item>
/// <item>rejected: everything else, e.g. SES <c>InvalidS3Configuration</c> or <c>InvalidSnsTopic</c> when the rule's
/// bucket or topic policy no longer lets SES write (UpdateReceiptRule checks them again,
/// https://docs.aws.amazon.com/ses/latest/APIReference/API_UpdateReceiptRule.html#API_UpdateReceiptRule_Errors).</item>
/// </list>
/// </summary>
internal static class InboundControlFailures
{
    private static readonly HashSet<string> s_transient = new(StringComparer.OrdinalIgnoreCase)
    {
        "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled",
        "ServiceException", "ServiceUnavailable", "ServiceUnavailableException", "InternalFailure", "InternalError",
        "InternalServerError", "RequestTimeout", "RequestTimeoutException", "ResourceInUseException", "ResourceConflictException",
    };

    private static readonly HashSet<string> s_denied = new(StringComparer.OrdinalIgnoreCase)
    {
        "AccessDenied", "AccessDeniedException", "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch",
        "InvalidSignatureException", "IncompleteSignature", "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException",
        "RequestExpired", "NotAuthorized", "OptInRequired",
    };

    private static readonly HashSet<string> s_notFound = new(StringComparer.OrdinalIgnoreCase)
    {
        "ResourceNotFoundException", "RuleDoesNotExist", "RuleSetDoesNotExist",
    };

    /// <param name="api">The API and host (<see cref="SignedAwsApi.Name"/>).</param>
    /// <param name="operation">What was asked, e.g. <c>UpdateEventSourceMapping of mapping 1f2e…</c>.</param>
    /// <param name="permission">The IAM actions the call needs, for the denied message.</param>
    /// <param name="whereToLook">What to check when the resource does not exist.</param>
    public static InboundControlException From(AwsApiAnswer answer, AwsApiError error, string api, string operation, string permission, string whereToLook)
    {
        var code = error.Code;
        var quoted = SesV2Failures.Quote(error.Message ?? (code is null ? answer.Body : null));
        var what = $"{api} answered {answer.Status.ToString(CultureInfo.InvariantCulture)} {code ?? "(no error code)"} to {operation}"
            + (quoted.Length > 0 ? $": {quoted}" : "");
        if ((code is not null && s_transient.Contains(code)) || answer.Status is 408 or 429 or >= 500)
        {
            var advice = code is "ResourceInUseException" or "ResourceConflictException"
                ? "The mapping is still applying a previous change; wait a few seconds and retry."
                : "This is temporary; retry in a few seconds.";
            return new InboundControlException(InboundControlException.Unavailable, $"{what}. {advice}");
        }
        if ((code is not null && s_denied.Contains(code)) || answer.Status is 401 or 403)
        {
            return new InboundControlException(InboundControlException.Denied,
                $"{what}. Check the API function's role: it needs {permission}, and its credentials must be current.");
        }
        if ((code is not null && s_notFound.Contains(code)) || answer.Status == 404)
        {
            return new InboundControlException(InboundControlException.NotFound, $"{what}. {whereToLook}");
        }
        return new InboundControlException(InboundControlException.Rejected, $"{what}. The request was refused as it is; nothing was changed.");
    }

    /// <summary>A 2xx whose body is not what the API documents: nothing can be said about the state.</summary>
    public static InboundControlException Unreadable(string api, string operation, string detail) =>
        new(InboundControlException.Unavailable, $"{api} answered {operation} with a body that could not be read ({detail}). Read the inbound state again.");
}
