using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mailflow.Core.Configuration;
using Mailflow.Core.Routing;

namespace Mailflow.Core.Tests.Routing;

/// <summary>Properties of the router over generated recipient lists mixing routable and unroutable addresses.</summary>
public class MailRouterProperties
{
    private static readonly string[] s_apps = ["app1", "app2", "billing-app"];
    private static readonly string[] s_domains = ["example.com", "acme.com"];
    private static readonly MailRouter s_router = new(new RoutingTable(s_domains, s_apps.Select(a => new AppConfig { Name = a })));

    private static Arbitrary<string[]> Recipients()
    {
        var local = Gen.OneOf(
            Gen.Elements(s_apps).Select(a => "_" + a),
            Gen.Elements(s_apps).Zip(Gen.Elements("x", "order-1", "ü"), (app, tag) => $"_{app}+{tag}"),
            Gen.Elements("_nosuchapp", "bob", "_", "alice+tag", "ÄRGER"));
        var domain = Gen.Elements("example.com", "acme.com", "other.example", "EXAMPLE.COM");
        var upper = Gen.Elements(true, false);
        var address = local.Zip(domain, (l, d) => $"{l}@{d}").Zip(upper, (text, up) => up ? text.ToUpperInvariant() : text);
        return address.ArrayOf().ToArbitrary();
    }

    [Property]
    public Property Every_distinct_recipient_lands_in_exactly_one_route_or_unroutable() =>
        Prop.ForAll(Recipients(), recipients =>
        {
            var decision = s_router.Route(recipients);
            var routed = decision.Routes.SelectMany(r => r.Recipients).ToList();
            var unroutable = decision.Unroutable.Select(u => u.Recipient).ToList();
            var distinct = recipients.Select(r => r.ToLowerInvariant()).Distinct().Count();
            return routed.Count + unroutable.Count == distinct && !routed.Intersect(unroutable).Any();
        });

    [Property]
    public Property Each_app_gets_at_most_one_route() =>
        Prop.ForAll(Recipients(), recipients =>
        {
            var apps = s_router.Route(recipients).Routes.Select(r => r.App).ToList();
            return apps.Count == apps.Distinct().Count();
        });

    [Property]
    public Property Routing_ignores_case() =>
        Prop.ForAll(Recipients(), recipients =>
        {
            var lower = s_router.Route(recipients.Select(r => r.ToLowerInvariant()));
            var upper = s_router.Route(recipients.Select(r => r.ToUpperInvariant()));
            return lower.Routes.Select(r => r.App).SequenceEqual(upper.Routes.Select(r => r.App));
        });

    [Property]
    public Property Only_configured_domains_route() =>
        Prop.ForAll(Recipients(), recipients =>
            s_router.Route(recipients).Routes.SelectMany(r => r.Recipients)
                .All(r => s_domains.Contains(r[(r.LastIndexOf('@') + 1)..])));

    [Property]
    public Property Routed_recipients_name_their_app() =>
        Prop.ForAll(Recipients(), recipients =>
            s_router.Route(recipients).Routes.All(route =>
                route.Recipients.All(r => r.StartsWith($"_{route.App}@", StringComparison.Ordinal) ||
                                          r.StartsWith($"_{route.App}+", StringComparison.Ordinal))));
}
