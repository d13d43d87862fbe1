namespace Mailflow.Core.Routing;

/// <summary>
/// Maps envelope recipients to apps. Pure: no I/O, no clock. Routing uses the envelope
/// recipients (SES <c>receipt.recipients</c>, SMTP RCPT TO), never To/Cc, so Bcc recipients route
/// (LESSONS.md). Precedence per recipient: <c>_app[+tag]@domain</c>, then exact extra addresses,
/// then patterns in configuration order.
/// </summary>
public sealed class MailRouter(RoutingTable table)
{
    public RoutingDecision Route(IEnumerable<string> recipients)
    {
        var routes = new Dictionary<string, (List<string> Recipients, string? Hash)>(StringComparer.Ordinal);
        var order = new List<string>();
        var unroutable = new List<UnroutableRecipient>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var raw in recipients)
        {
            if (!RecipientAddress.TryParse(raw, out var recipient))
            {
                unroutable.Add(new UnroutableRecipient(raw, "not an address"));
                continue;
            }
            if (!seen.Add(recipient.Address))
            {
                continue;
            }
            var (app, hash, reason) = Match(recipient);
            if (app is null)
            {
                unroutable.Add(new UnroutableRecipient(recipient.Address, reason!));
                continue;
            }
            if (!routes.TryGetValue(app, out var route))
            {
                route = ([], hash);
                order.Add(app);
            }
            route.Recipients.Add(recipient.Address);
            routes[app] = (route.Recipients, route.Hash ?? hash);
        }

        var appRoutes = order.Select(app => new AppRoute(app, routes[app].Recipients, routes[app].Hash)).ToList();
        return new RoutingDecision(appRoutes, unroutable);
    }

    private (string? App, string? Hash, string? Reason) Match(RecipientAddress recipient)
    {
        if (!table.Domains.Contains(recipient.Domain))
        {
            return (null, null, "domain is not configured");
        }
        if (recipient.LocalPart.StartsWith('_'))
        {
            var name = recipient.LocalPart[1..];
            var plus = name.IndexOf('+', StringComparison.Ordinal);
            var app = plus < 0 ? name : name[..plus];
            var hash = plus < 0 ? null : name[(plus + 1)..];
            if (table.Apps.Contains(app))
            {
                return (app, string.IsNullOrEmpty(hash) ? null : hash, null);
            }
        }
        if (table.ExactAddresses.TryGetValue(recipient.Address, out var exact))
        {
            return (exact, null, null);
        }
        foreach (var (pattern, app) in table.Patterns)
        {
            if (pattern.Matches(recipient.Address))
            {
                return (app, null, null);
            }
        }
        return (null, null, recipient.LocalPart.StartsWith('_') ? "no app has this name" : "no app takes this address");
    }
}
