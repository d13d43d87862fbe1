using Mailflow.Core.Operations;

namespace Mailflow.Api.Views;

/// <summary><c>GET /api/messages/{id}</c>: the mail's summary and its timeline, oldest step first.</summary>
public sealed record MessageView(MessageSummary Summary, IReadOnlyList<TimelineStep> Timeline, bool AddressesRedacted);
