namespace Mailflow.Local.Http;

/// <summary>An error answer: what went wrong and what to do.</summary>
public sealed record ErrorView(string Error, string Message);
