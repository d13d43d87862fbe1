namespace Mailflow.Core.Operations;

/// <summary>
/// A ledger search. <paramref name="Status"/> is a <see cref="MessageStatus"/> name; <paramref name="Text"/> matches,
/// case-insensitively, a substring of the mail id, sender, a recipient or the subject.
/// </summary>
public sealed record MessageSearch(
    string? App = null,
    string? Status = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Text = null,
    string? Cursor = null,
    int Limit = 50);
