using Mailflow.Core.Policy;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Every rule an outbound envelope must pass before anything is claimed or sent, each with its reason code and the
/// JSON path of the offending value. Returns all problems at once, so an app fixes its envelope in one round.
/// The same rules, as far as JSON Schema can say them, are in docs/schemas/mailflow.outbound.v1.schema.json.
/// </summary>
public static class OutboundValidator
{
    public const int MaxIdempotencyKeyLength = 256;

    public static IReadOnlyList<OutboundProblem> Validate(OutboundEnvelope envelope, OutboundRules rules)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(rules);
        var problems = new List<OutboundProblem>();
        ValidateIdentity(envelope, rules, problems);
        OutboundAddressRules.Validate(envelope, rules, problems);
        ValidateContent(envelope, problems);
        OutboundHeaderRules.Validate(envelope.Headers, problems);
        OutboundAttachmentRules.Validate(envelope, rules.Outbound.MaxAttachmentBytes, problems);
        return problems;
    }

    /// <exception cref="OutboundInvalidException">With every problem <see cref="Validate"/> finds.</exception>
    public static void ThrowIfInvalid(OutboundEnvelope envelope, OutboundRules rules)
    {
        var problems = Validate(envelope, rules);
        if (problems.Count > 0)
        {
            throw new OutboundInvalidException(problems);
        }
    }

    private static void ValidateIdentity(OutboundEnvelope envelope, OutboundRules rules, List<OutboundProblem> problems)
    {
        if (envelope.Schema != OutboundEnvelope.SchemaName)
        {
            problems.Add(new("$.schema", ReasonCodes.InvalidEnvelope,
                $"{(envelope.Schema is null ? "required" : "unknown version")}: set \"schema\" to \"{OutboundEnvelope.SchemaName}\"."));
        }
        if (string.IsNullOrEmpty(envelope.App))
        {
            problems.Add(new("$.app", ReasonCodes.InvalidEnvelope, "required: the name of the sending app, as in mailflow.json."));
        }
        else if (!rules.IsKnownApp(envelope.App))
        {
            problems.Add(new("$.app", ReasonCodes.UnknownApp,
                $"no app named '{OutboundText.Printable(envelope.App)}' is configured; use the app's name from mailflow.json (lower case)."));
        }
        var key = envelope.IdempotencyKey;
        if (string.IsNullOrEmpty(key) || OutboundText.CodePoints(key) > MaxIdempotencyKeyLength)
        {
            problems.Add(new("$.idempotencyKey", ReasonCodes.InvalidEnvelope,
                $"{(key is null ? "required" : "wrong length")}: 1 to {MaxIdempotencyKeyLength} characters naming this mail uniquely within the app (e.g. the app's own id for it); a retry with the same key sends nothing."));
        }
        else if (key.Any(char.IsControl))
        {
            problems.Add(new("$.idempotencyKey", ReasonCodes.InvalidEnvelope, "must not contain control characters."));
        }
    }

    private static void ValidateContent(OutboundEnvelope envelope, List<OutboundProblem> problems)
    {
        if (OutboundText.HasControl(envelope.Subject))
        {
            problems.Add(new("$.subject", ReasonCodes.HeaderInjection, OutboundHeaderRules.ControlMessage));
        }
        if (envelope.Text is null && envelope.Html is null)
        {
            problems.Add(new("$.text", ReasonCodes.InvalidEnvelope, "no body: give \"text\", \"html\" or both."));
        }
        if (envelope.InReplyTo is { } inReplyTo)
        {
            if (OutboundText.HasControl(inReplyTo))
            {
                problems.Add(new("$.inReplyTo", ReasonCodes.HeaderInjection, OutboundHeaderRules.ControlMessage));
            }
            else if (string.IsNullOrWhiteSpace(inReplyTo))
            {
                problems.Add(new("$.inReplyTo", ReasonCodes.InvalidEnvelope,
                    "empty: give the id of the inbound envelope (or the Message-ID) this mail answers, or leave the property out."));
            }
        }
    }
}
