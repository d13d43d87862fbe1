namespace Mailflow.Api.Views;

/// <summary>Every error the API returns: a stable code and what to do about it.</summary>
public sealed record ErrorView(string Error, string Message);
