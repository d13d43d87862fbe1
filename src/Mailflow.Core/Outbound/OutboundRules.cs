using System.Globalization;
using System.Text;
using Mailflow.Core.Configuration;
using Mailflow.Core.Routing;

namespace Mailflow.Core.Outbound;

/// <summary>
/// The outbound view of a validated configuration, computed once: the known apps, the outbound limits, and which
/// app owns which sender address. An app may send only from addresses Mailflow would deliver to it (LESSONS.md:
/// producers could send as any verified address), so ownership asks the same <see cref="MailRouter"/> that routes
/// inbound mail: <c>_app@domain</c> and <c>_app+tag@domain</c> of every configured domain, the app's exact
/// addresses, then its patterns. The unroutable catch-all is not routing: an app never owns an address through it.
/// </summary>
public sealed class OutboundRules(MailflowConfig config)
{
    private readonly MailRouter _router = new(RoutingTable.From(config ?? throw new ArgumentNullException(nameof(config))));

    /// <summary>The configured app names (lower case, compared exactly: <c>App1</c> is not <c>app1</c>).</summary>
    public IReadOnlySet<string> Apps { get; } = new HashSet<string>(config.Apps.Select(a => a.Name), StringComparer.Ordinal);

    public OutboundConfig Outbound { get; } = config.Outbound;

    public bool IsKnownApp(string? app) => app is not null && Apps.Contains(app);

    /// <summary>
    /// True when mail to <paramref name="address"/> would reach <paramref name="app"/>. Configured domains are ASCII,
    /// so an internationalised domain (RFC 6531) is also tried in its ASCII form (RFC 5891 §4.4, punycode).
    /// </summary>
    public bool Owns(string app, string address)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(address);
        return IsKnownApp(app) && (RoutesTo(app, address) || (AsciiDomain(address) is { } ascii && RoutesTo(app, ascii)));
    }

    private bool RoutesTo(string app, string address) =>
        _router.Route([address]) is { Routes: [var route], Unroutable: [] } && route.App == app;

    private static string? AsciiDomain(string address)
    {
        var at = address.LastIndexOf('@');
        if (at < 0 || Ascii.IsValid(address.AsSpan(at + 1)))
        {
            return null;
        }
        try
        {
            return string.Concat(address.AsSpan(0, at + 1), new IdnMapping().GetAscii(address[(at + 1)..]));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
