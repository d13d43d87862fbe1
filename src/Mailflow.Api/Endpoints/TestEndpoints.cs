using System.Security.Claims;
using System.Text.Json;
using Mailflow.Api.Views;
using Mailflow.Api.Auth;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MimeKit;
using MimeKit.Utils;

namespace Mailflow.Api.Endpoints;

/// <summary>
/// Test mail through the real paths (operator): an inbound mail to an app's <c>_{app}@{first domain}</c> address through
/// the receipt path, and a valid outbound envelope from that address onto the outbound queue. The inbound mail carries
/// <c>X-Mailflow-Test</c>, the outbound envelope a <c>test-</c> idempotency key (apps may not set <c>X-Mailflow-*</c>
/// headers, and the API sends as an app), so that nobody mistakes them for real mail.
/// </summary>
public static class TestEndpoints
{
    public const string TestHeader = "X-Mailflow-Test";
    public const string TestSender = "mailflow-test";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/test/inbound", InboundAsync).RequireAuthorization(ApiPolicies.Operator).WithName("testInbound")
            .Produces<TestInboundView>(StatusCodes.Status202Accepted);
        api.MapPost("/test/outbound", OutboundAsync).RequireAuthorization(ApiPolicies.Operator).WithName("testOutbound")
            .Produces<TestOutboundView>(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> InboundAsync(HttpRequest http, ClaimsPrincipal user, [FromServices] OperationsBackends ops,
        [FromServices] ApiAudit audit, CancellationToken cancellationToken)
    {
        var (request, invalid) = await ApiBody.ReadAsync(http, ApiJsonContext.Default.TestInboundRequest, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }
        if (AppAddress(ops.Config, request?.App, out var app, out var address) is { } refused)
        {
            return refused;
        }
        var domain = ops.Config.Domains[0];
        var now = ops.Time.GetUtcNow();
        var message = new MimeMessage
        {
            Subject = request!.Subject ?? $"Mailflow test mail to {app}",
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(domain),
            Body = new TextPart("plain") { Text = request.Text ?? $"A test mail sent through the API at {ApiWindows.Format(now)}." },
        };
        message.From.Add(new MailboxAddress("Mailflow test", $"{TestSender}@{domain}"));
        message.To.Add(MailboxAddress.Parse(address));
        message.Headers.Add(TestHeader, "inbound");
        using var mime = new MemoryStream();
        await message.WriteToAsync(FormatOptions.Default, mime, cancellationToken).ConfigureAwait(false);
        mime.Position = 0;
        string mailId;
        try
        {
            mailId = await ops.Archive.InjectAsync(mime, $"{TestSender}@{domain}", [address], cancellationToken).ConfigureAwait(false);
        }
        catch (MailRefusedException ex)
        {
            return ApiErrors.Conflict("mail-refused", $"The receipt path refused the test mail ({ex.Code}): {ex.Message}");
        }
        await audit.RecordAsync(user, "test.inbound", null, mailId, $"test mail {mailId} to {app}", cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new TestInboundView(mailId, address, $"/api/messages/{mailId}"), ApiJsonContext.Default.TestInboundView,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> OutboundAsync(HttpRequest http, ClaimsPrincipal user, [FromServices] OperationsBackends ops,
        [FromServices] ApiAudit audit, CancellationToken cancellationToken)
    {
        var (request, invalid) = await ApiBody.ReadAsync(http, ApiJsonContext.Default.TestOutboundRequest, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }
        if (AppAddress(ops.Config, request?.App, out var app, out var from) is { } refused)
        {
            return refused;
        }
        if (!RecipientArgument.TryParse(request!.To, out var to))
        {
            return ApiErrors.BadRequest("invalid-recipient", $"to '{request.To}' is not an e-mail address.");
        }
        var now = ops.Time.GetUtcNow();
        var key = "test-" + Guid.CreateVersion7(now).ToString("N");
        var envelope = new OutboundEnvelope
        {
            Schema = OutboundEnvelope.SchemaName,
            App = app,
            IdempotencyKey = key,
            From = new OutboundAddress { Address = from, Name = "Mailflow test" },
            To = [new OutboundAddress { Address = to }],
            Subject = request.Subject ?? $"Mailflow test mail from {app}",
            Text = request.Text ?? $"A test mail sent through the API at {ApiWindows.Format(now)}.",
        };
        // The same rules the outbound worker applies: an envelope this endpoint calls valid must not be dead-lettered.
        if (OutboundValidator.Validate(envelope, new OutboundRules(ops.Config)) is [var problem, ..])
        {
            return ApiErrors.BadRequest("invalid-envelope", $"The test envelope would be refused at {problem.Path}: {problem.Message}");
        }
        var queue = new QueueNames(ops.Config.Environment).Outbound;
        var body = JsonSerializer.Serialize(envelope, OutboundJsonContext.Default.OutboundEnvelope);
        await ops.QueueClient.SendAsync(queue, new QueueMessage(body, new Dictionary<string, string>()), cancellationToken).ConfigureAwait(false);
        var mailId = OutboundIds.MailId(app, key);
        await audit.RecordAsync(user, "test.outbound", queue, mailId, $"test envelope {mailId} from {app}", cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new TestOutboundView(mailId, key, queue, $"/api/messages/{mailId}"), ApiJsonContext.Default.TestOutboundView,
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The app's own address <c>_{app}@{first domain}</c>, or the error answer when there is none.</summary>
    private static IResult? AppAddress(MailflowConfig config, string? requested, out string app, out string address)
    {
        app = "";
        address = "";
        var match = config.Apps.FirstOrDefault(candidate => string.Equals(candidate.Name, requested, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return ApiErrors.NotFound("app-not-found", $"app '{requested}' is not configured; GET /api/config lists the apps.");
        }
        if (config.Domains.Count == 0)
        {
            return ApiErrors.Conflict("no-domain", "mailflow.json configures no domain, so the app has no address to test with.");
        }
        app = match.Name;
        address = $"_{match.Name.ToLowerInvariant()}@{config.Domains[0]}";
        return null;
    }
}
