namespace Mailflow.Core.Routing;

/// <summary>An envelope recipient split into its parts, normalised to lower case.</summary>
public readonly record struct RecipientAddress(string Address, string LocalPart, string Domain)
{
    /// <summary>Parses <c>local@domain</c> (angle brackets and a trailing dot on the domain tolerated); false when there is no domain.</summary>
    public static bool TryParse(string raw, out RecipientAddress recipient)
    {
        var text = raw.Trim().Trim('<', '>').Trim().ToLowerInvariant();
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            recipient = default;
            return false;
        }
        var local = text[..at];
        var domain = text[(at + 1)..].TrimEnd('.');
        recipient = new RecipientAddress($"{local}@{domain}", local, domain);
        return domain.Length > 0;
    }
}
