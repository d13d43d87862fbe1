using Mailflow.Core.Configuration;

namespace Mailflow.Core.Routing;

/// <summary>The routing view of the configuration: domains, apps, extra addresses and patterns.</summary>
public sealed class RoutingTable
{
    public RoutingTable(IEnumerable<string> domains, IEnumerable<AppConfig> apps)
    {
        Domains = new HashSet<string>(domains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()), StringComparer.Ordinal);
        var appList = apps.ToList();
        Apps = new HashSet<string>(appList.Select(a => a.Name.ToLowerInvariant()), StringComparer.Ordinal);
        foreach (var app in appList)
        {
            foreach (var address in app.Addresses)
            {
                var pattern = new AddressPattern(address);
                if (pattern.IsLiteral)
                {
                    ExactAddresses.TryAdd(pattern.Pattern, app.Name.ToLowerInvariant());
                }
                else
                {
                    Patterns.Add((pattern, app.Name.ToLowerInvariant()));
                }
            }
        }
    }

    public IReadOnlySet<string> Domains { get; }
    public IReadOnlySet<string> Apps { get; }
    public Dictionary<string, string> ExactAddresses { get; } = new(StringComparer.Ordinal);
    public List<(AddressPattern Pattern, string App)> Patterns { get; } = [];

    public static RoutingTable From(MailflowConfig config) => new(config.Domains, config.Apps);
}
