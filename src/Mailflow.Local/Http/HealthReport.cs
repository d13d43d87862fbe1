namespace Mailflow.Local.Http;

/// <summary>What <c>GET /health</c> answers: overall status, inbound state and every queue's depth.</summary>
public sealed record HealthReport(string Status, string Environment, string Version, InboundHealth Inbound, IReadOnlyList<QueueHealth> Queues);
