using Mailflow.Core.Operations;

namespace Mailflow.Api.Views;

/// <summary>
/// <c>GET /api/health</c>: <c>ok</c> when inbound mail is received and processed, <c>degraded</c> otherwise (paused,
/// disabled, or its state could not be read). <paramref name="Host"/> is <c>local</c> or <c>aws</c>.
/// </summary>
public sealed record HealthView(string Status, string Version, string Environment, string Host, InboundStatus Inbound, WorkerView Worker, DateTimeOffset CheckedAt);
