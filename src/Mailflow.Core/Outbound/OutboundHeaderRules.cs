using Mailflow.Core.Policy;

namespace Mailflow.Core.Outbound;

/// <summary>
/// The rules for an app's own headers. Mailflow writes every standard header itself (From, To, Subject, threading,
/// MIME, Auto-Submitted), so an app may add only <c>X-</c> headers (RFC 6648 deprecates the prefix for new standards;
/// here it keeps app headers apart from ones with meaning). <c>X-Mailflow-*</c> is Mailflow's own (the hop count that
/// stops loops) and <c>X-SES-*</c> instructs Amazon SES (configuration set, sending authorisation, tags:
/// https://docs.aws.amazon.com/ses/latest/dg/header-fields.html); an app may set neither.
/// </summary>
internal static class OutboundHeaderRules
{
    public const string ControlMessage =
        "contains a line break or other control character; it would end the header and start another (header injection). Remove it.";

    private static readonly string[] s_reservedPrefixes = ["X-Mailflow-", "X-SES-"];

    public static void Validate(IReadOnlyDictionary<string, string>? headers, List<OutboundProblem> problems)
    {
        if (headers is null)
        {
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            var path = $"$.headers['{OutboundText.Printable(name)}']";
            if (NameProblem(name) is var (code, message))
            {
                problems.Add(new(path, code, message));
            }
            else if (!seen.Add(name))
            {
                problems.Add(new(path, ReasonCodes.ForbiddenHeader, "given twice (header names ignore case); give it once."));
            }
            if (value is null)
            {
                problems.Add(new(path, ReasonCodes.InvalidEnvelope, "a header value is a string, not null."));
            }
            else if (OutboundText.HasControl(value))
            {
                problems.Add(new(path, ReasonCodes.HeaderInjection, ControlMessage));
            }
        }
    }

    private static (string Code, string Message)? NameProblem(string name)
    {
        if (OutboundText.HasControl(name))
        {
            return (ReasonCodes.HeaderInjection, ControlMessage);
        }
        if (!name.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
        {
            return (ReasonCodes.ForbiddenHeader, "only X- headers may be added; Mailflow writes the standard headers from the envelope's fields.");
        }
        if (!IsFieldName(name))
        {
            return (ReasonCodes.ForbiddenHeader, "not a header name: printable ASCII without spaces or colons (RFC 5322 §3.6.8).");
        }
        foreach (var prefix in s_reservedPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return (ReasonCodes.ForbiddenHeader, $"{prefix}* headers are reserved (Mailflow's loop guard, Amazon SES's instructions); choose another name.");
            }
        }
        return null;
    }

    // RFC 5322 §3.6.8: field-name = 1*ftext; ftext = %d33-57 / %d59-126 (printable US-ASCII except ":").
    private static bool IsFieldName(string name) => name.All(c => c is >= '!' and <= '~' and not ':');
}
