using Mailflow.Core.Operations;

namespace Mailflow.Api.Views;

/// <summary>A rollback switch applied: the state before and after, and (in <c>after.consequence</c>) what it means now.</summary>
public sealed record InboundChangeView(string Action, InboundStatus Before, InboundStatus After);
