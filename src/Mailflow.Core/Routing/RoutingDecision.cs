namespace Mailflow.Core.Routing;

/// <summary>Where a mail's envelope recipients go: one route per app (in order of first appearance) and the recipients nobody takes.</summary>
public sealed record RoutingDecision(IReadOnlyList<AppRoute> Routes, IReadOnlyList<UnroutableRecipient> Unroutable);
