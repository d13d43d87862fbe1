namespace Mailflow.ApiFunction;

/// <summary>Every error the API returns: a stable code and what to do.</summary>
public sealed record ErrorView(string Error, string Message);
