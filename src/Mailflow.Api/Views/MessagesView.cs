using Mailflow.Core.Operations;

namespace Mailflow.Api.Views;

/// <summary><c>GET /api/messages</c>: one page, newest first; addresses are redacted unless the caller is an admin.</summary>
public sealed record MessagesView(IReadOnlyList<MessageSummary> Items, string? NextCursor, bool AddressesRedacted);
