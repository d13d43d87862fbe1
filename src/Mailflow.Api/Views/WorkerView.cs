namespace Mailflow.Api.Views;

/// <summary>Whether the worker takes mail from the inbound queue: <c>running</c>, <c>paused</c> or <c>unknown</c>.</summary>
public sealed record WorkerView(string State);
