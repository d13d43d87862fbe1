using Mailflow.Core.Policy;
using Mailflow.Core.Redaction;
using MimeKit;

namespace Mailflow.Core.Outbound;

/// <summary>
/// The address rules of <see cref="OutboundValidator"/>: every address parses as one RFC 5322 addr-spec (with UTF-8
/// local parts and internationalised domains allowed, RFC 6531/6532), the sender is the app's own, and the recipients
/// number between one and <c>outbound.maxRecipients</c>.
/// </summary>
internal static class OutboundAddressRules
{
    // MimeKit's parser, strict: no address without a domain, no obsolete syntax. International addresses parse.
    private static readonly ParserOptions s_parser = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    public static void Validate(OutboundEnvelope envelope, OutboundRules rules, List<OutboundProblem> problems)
    {
        if (envelope.From is null)
        {
            problems.Add(new("$.from", ReasonCodes.InvalidEnvelope, "required: the address to send from, one of the app's own (e.g. _app@ a Mailflow domain)."));
        }
        else if (Check("$.from", envelope.From, problems) is { } from && rules.IsKnownApp(envelope.App) && !rules.Owns(envelope.App!, from))
        {
            problems.Add(new("$.from.address", ReasonCodes.ForeignSender,
                $"app '{envelope.App}' may not send as {Redact.Address(from)}: an app sends from _{envelope.App}@ (or _{envelope.App}+tag@) a configured domain, or from its own configured addresses."));
        }

        var recipients = 0;
        foreach (var (field, list) in new[] { ("to", envelope.To), ("cc", envelope.Cc), ("bcc", envelope.Bcc) })
        {
            for (var i = 0; list is not null && i < list.Count; i++)
            {
                Check($"$.{field}[{i}]", list[i], problems);
                if (++recipients == rules.Outbound.MaxRecipients + 1)
                {
                    problems.Add(new($"$.{field}[{i}]", ReasonCodes.TooManyRecipients,
                        $"more than {rules.Outbound.MaxRecipients} recipients in to, cc and bcc together (outbound.maxRecipients); split the mail."));
                }
            }
        }
        if (recipients == 0)
        {
            problems.Add(new("$.to", ReasonCodes.InvalidEnvelope, "no recipient: give at least one address in to, cc or bcc."));
        }
        for (var i = 0; envelope.ReplyTo is { } replyTo && i < replyTo.Count; i++)
        {
            Check($"$.replyTo[{i}]", replyTo[i], problems);
        }
    }

    /// <summary>
    /// True when the text is exactly one addr-spec MimeKit accepts: no display name, comment or brackets around it.
    /// MimeKit gives an ASCII (punycode) domain back in Unicode, so the text may equal either form.
    /// </summary>
    public static bool IsAddress(string text) =>
        MailboxAddress.TryParse(s_parser, text, out var mailbox) &&
        (string.Equals(mailbox.Address, text, StringComparison.Ordinal) || string.Equals(mailbox.GetAddress(idnEncode: true), text, StringComparison.Ordinal));

    /// <returns>The address when it is valid, else null (and the problem is added).</returns>
    private static string? Check(string path, OutboundAddress? entry, List<OutboundProblem> problems)
    {
        if (entry is null)
        {
            problems.Add(new(path, ReasonCodes.InvalidEnvelope, "an address object is required here, not null."));
            return null;
        }
        if (OutboundText.HasControl(entry.Name))
        {
            problems.Add(new($"{path}.name", ReasonCodes.HeaderInjection, OutboundHeaderRules.ControlMessage));
        }
        var address = entry.Address;
        if (string.IsNullOrEmpty(address))
        {
            problems.Add(new($"{path}.address", ReasonCodes.InvalidEnvelope, "required: the email address, e.g. ann@example.com."));
            return null;
        }
        if (OutboundText.HasControl(address))
        {
            problems.Add(new($"{path}.address", ReasonCodes.HeaderInjection, OutboundHeaderRules.ControlMessage));
            return null;
        }
        if (!IsAddress(address))
        {
            problems.Add(new($"{path}.address", ReasonCodes.InvalidAddress,
                $"{Redact.Address(address)} is not an email address: write one local@domain (RFC 5322 §3.4.1), without a name, comment or angle brackets; the name goes in \"name\"."));
            return null;
        }
        return address;
    }
}
