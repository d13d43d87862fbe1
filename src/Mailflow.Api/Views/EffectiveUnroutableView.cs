namespace Mailflow.Api.Views;

/// <summary>Where recipients no app takes go: <paramref name="Action"/> <c>quarantine</c> or <c>catchAll</c> (then <paramref name="App"/>), and that queue.</summary>
public sealed record EffectiveUnroutableView(string Action, string? App, string Queue);
