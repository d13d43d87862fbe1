using Mailflow.Core.Operations;

namespace Mailflow.Api.Views;

/// <summary><c>GET /api/queues</c>.</summary>
public sealed record QueuesView(IReadOnlyList<QueueOverview> Queues);
