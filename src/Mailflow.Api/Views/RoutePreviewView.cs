using Mailflow.Core.Policy;

namespace Mailflow.Api.Views;

/// <summary>
/// <c>POST /api/routes/preview</c>: what the inbound pipeline would do with the posted mail. <paramref name="RecipientsFrom"/>
/// is <c>query</c> when the caller named the envelope recipients, <c>headers</c> when they are the mail's To and Cc.
/// </summary>
public sealed record RoutePreviewView(
    string MailId,
    long Size,
    IReadOnlyList<string> Recipients,
    string RecipientsFrom,
    ReceiptVerdicts Verdicts,
    IReadOnlyList<RoutePreviewDelivery> Deliveries,
    bool AddressesRedacted,
    string Note);
