using MimeKit;

namespace Mailflow.Api;

/// <summary>
/// A recipient a caller names (a preview's <c>recipient=</c>, a test mail's <c>to</c>): one mailbox, display name
/// allowed, whose address has a local part; MimeKit alone also accepts <c>@example.com</c>.
/// </summary>
internal static class RecipientArgument
{
    public static bool TryParse(string? value, out string address)
    {
        address = "";
        if (value is null || !MailboxAddress.TryParse(value, out var mailbox) || mailbox.Address.IndexOf('@', StringComparison.Ordinal) < 1)
        {
            return false;
        }
        address = mailbox.Address;
        return true;
    }
}
