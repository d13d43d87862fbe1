using System.Security.Claims;
using System.Text.Json;
using Mailflow.Api.Auth;
using Mailflow.Api.Views;
using Mailflow.Core.Operations;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Redaction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// <c>POST /api/routes/preview</c> (viewer): the dashboard's "what would happen" box. The posted raw mail goes through
/// <see cref="InboundPreviewer"/>, the pipeline <c>mailflow parse</c> runs, in memory: nothing is stored, queued or
/// written to the ledger, so it works the same under both hosts. Addresses are masked outside admins, as everywhere.
/// </summary>
public static class RouteEndpoints
{
    /// <summary>SES accepts at most 50 recipients for one mail; a preview routes on no more.</summary>
    public const int MaxRecipients = 50;

    public const string Note = "A preview: nothing was stored, queued or recorded. The envelopes' raw-mail keys name nothing stored, and their attachment links are signed with a key thrown away after the preview, so they answer 403.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/routes/preview", PreviewAsync).WithName("routePreview").Produces<RoutePreviewView>()
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Summary = "What the inbound pipeline would do with the posted raw mail (nothing is stored or queued).";
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = RawMailBody.MediaTypes.ToDictionary(type => type,
                        _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
                };
                return Task.CompletedTask;
            });

    private static async Task<IResult> PreviewAsync([FromQuery] string[]? recipient, [FromQuery] string[]? verdict, HttpRequest http,
        ClaimsPrincipal user, [FromServices] OperationsBackends ops, CancellationToken cancellationToken)
    {
        if (!VerdictOverrides.TryParse(verdict ?? [], out var verdicts, out var problem))
        {
            return ApiErrors.BadRequest("invalid-verdict", $"verdict {problem}");
        }
        if (Recipients(recipient ?? []) is not { } recipients)
        {
            return ApiErrors.BadRequest("invalid-recipient", "Every recipient must be one e-mail address, e.g. recipient=_invoices@example.com.");
        }
        if (recipients.Count > MaxRecipients)
        {
            return ApiErrors.BadRequest("too-many-recipients", $"{recipients.Count} recipients; a mail has at most {MaxRecipients}.");
        }
        var maxBytes = EffectiveLimits.Defaults.With(ops.Config.Limits).MaxMessageBytes;
        var (mail, refused) = await RawMailBody.ReadAsync(http, maxBytes, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        var preview = await new InboundPreviewer(ops.Config, verdicts, ops.Time).PreviewAsync(mail!, recipients, cancellationToken).ConfigureAwait(false);
        if (preview.Deliveries.Count == 0)
        {
            // Only a readable mail routed on no recipient at all has no destination; SES and SMTP always give at least one.
            return ApiErrors.BadRequest("no-recipients",
                "The mail has no To or Cc address, so it was routed on no recipient; name the envelope recipients with recipient=.");
        }
        var redact = !Caller.SeesAddresses(user);
        return TypedResults.Json(new RoutePreviewView(
            preview.MailId,
            preview.Size,
            [.. preview.Recipients.Select(address => redact ? Redact.Address(address) : address)],
            recipients.Count > 0 ? "query" : "headers",
            verdicts,
            [.. preview.Deliveries.Select(delivery => View(delivery, redact))],
            redact,
            Note), ApiJsonContext.Default.RoutePreviewView);
    }

    /// <summary>The recipients as bare addresses, or null when one is not an address.</summary>
    private static List<string>? Recipients(string[] values)
    {
        var addresses = new List<string>(values.Length);
        foreach (var value in values)
        {
            if (!RecipientArgument.TryParse(value, out var address))
            {
                return null;
            }
            addresses.Add(address);
        }
        return addresses;
    }

    private static RoutePreviewDelivery View(Delivery delivery, bool redact)
    {
        JsonElement? envelope = null;
        if (delivery is { Outcome: DeliveryOutcome.Delivered, Envelope: { } delivered })
        {
            using var json = JsonDocument.Parse(EnvelopePublisher.Serialize(delivered));
            envelope = redact ? JsonRedaction.AddressesIn(json.RootElement) : json.RootElement.Clone();
        }
        return new RoutePreviewDelivery(delivery.Outcome.ToString().ToLowerInvariant(), delivery.App, delivery.Queue, delivery.ReasonCode,
            redact ? Redact.AddressesInOrNull(delivery.Reason) : delivery.Reason, delivery.Envelope?.Id, envelope);
    }
}
