using System.Globalization;
using System.Net;
using System.Text;
using Amazon.SQS.Model;
using Mailflow.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Mailflow.Dashboard.Tests;

/// <summary>
/// The Queues page against a real <c>mailflow run</c>: mail arrives over SMTP, and the queues are checked and driven
/// through the SQS endpoint with the AWS SDK, as an application would (issue 8).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class QueuesPageTests(Chromium chromium) : IAsyncLifetime
{
    private const string Invoices = "mailflow-local-invoices";
    private const string Support = "mailflow-local-support";
    private const string SupportDlq = "mailflow-local-support-dlq";

    /// <summary>The default <c>queues.maxReceiveCount</c>: the receive after the fifth moves a message to the DLQ.</summary>
    private const int MaxReceiveCount = 5;

    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Browsing_a_queue_shows_its_messages_and_leaves_visibility_and_receive_counts_unchanged()
    {
        await _host.SendMailAsync("_invoices@example.com", "Invoice 7", body: "Please pay invoice 7.");
        await WaitForDepthAsync(Invoices, 1);
        var before = await DepthAsync(Invoices);

        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", $"#/queues/{Invoices}");
        var message = page.Locator(".queue-message");
        await Assertions.Expect(message).ToHaveCountAsync(1);
        await Assertions.Expect(message.Locator("pre")).ToContainTextAsync("\"subject\": \"Invoice 7\"");
        await Assertions.Expect(message.Locator("pre")).ToContainTextAsync("\"schema\": \"mailflow.inbound.v1\"");
        await Assertions.Expect(message.Locator(".queue-attributes dt:text-is('mailflow-app') + dd")).ToHaveTextAsync("invoices");
        await Assertions.Expect(message.Locator(".receive-count")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(".queue-source")).ToContainTextAsync("Read from the queue itself.");
        // A viewer sees addresses masked, and the page says so (the API's note).
        await Assertions.Expect(page.Locator(".queue-source")).ToContainTextAsync("Addresses are masked");
        await Assertions.Expect(message.Locator("pre")).Not.ToContainTextAsync("alice@sender.org");
        // Look again, and again with another page size: each look is a browse, none a receive.
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh messages" }).ClickAsync();
        await page.GetByLabel("Show up to").SelectOptionAsync("100");
        await Assertions.Expect(message.Locator(".receive-count")).ToHaveTextAsync("0");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-browse");

        Assert.Equal(before, await DepthAsync(Invoices));
        Assert.Equal((1, 0), before);
        // The first real receive is the first the message ever had.
        Assert.Equal("1", await ReceiveCountOfNextAsync(Invoices));
    }

    [Fact]
    public async Task The_list_groups_each_queue_with_its_dead_letter_queue_and_a_dlq_holding_messages_stands_out()
    {
        await _host.SendMailAsync("_invoices@example.com", "Waiting");
        await PoisonAsync("support");

        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/queues");

        var table = page.GetByRole(AriaRole.Table, new() { Name = "Queues and their dead-letter queues" });
        var dlq = table.Locator("tr.queue-dlq-holding");
        await Assertions.Expect(dlq).ToHaveCountAsync(1);
        await Assertions.Expect(dlq).ToContainTextAsync($"{SupportDlq} 1 dead letter");
        // Each group is one tbody: the queue, then its DLQ.
        var support = table.Locator("tbody").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Support, Exact = true }) });
        Assert.Equal([Support, SupportDlq], await support.Locator("th a").AllTextContentsAsync());
        var invoices = table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Invoices, Exact = true }) });
        Assert.Equal(["app invoices", "1", "0", "0"], (await invoices.GetByRole(AriaRole.Cell).AllTextContentsAsync()).Take(4));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-list");

        await table.GetByRole(AriaRole.Link, new() { Name = SupportDlq }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = SupportDlq, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".queue-message .receive-count")).ToHaveTextAsync(MaxReceiveCount.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_poison_message_in_a_dlq_is_redriven_from_the_page_and_lands_back_in_its_source_queue()
    {
        var poison = await PoisonAsync("support");
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", $"#/queues/{SupportDlq}");
        await Assertions.Expect(page.Locator(".queue-message h3")).ToHaveTextAsync(poison);

        await page.GetByLabel("Messages per second").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Redrive to {Support}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Redrive {SupportDlq}?" });
        await Assertions.Expect(dialog).ToContainTextAsync($"Moves the 1 message of {SupportDlq} back to {Support}, at most 5 a second.");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-dlq-redrive-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Redrive to {Support}" }).ClickAsync();

        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = $"Redrive of {SupportDlq} to {Support}" });
        await Assertions.Expect(page.Locator(".queue-progress [role=status]")).ToHaveTextAsync("Redrive completed. Moved 1 of 1 message.");
        await Assertions.Expect(page.Locator(".queue-progress")).ToBeFocusedAsync();
        await Assertions.Expect(progress).ToHaveAttributeAsync("value", "1");
        Assert.Equal(1, await progress.EvaluateAsync<double>("bar => bar.max"));
        // The page reloads the DLQ: empty now, and the empty state says so.
        await Assertions.Expect(page.GetByText($"{SupportDlq} holds no messages.")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-dlq-redriven");

        Assert.Equal((0, 0), await DepthAsync(SupportDlq));
        using var sqs = _host.Mailflow.SqsClient();
        var back = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _host.Mailflow.QueueUrl(Support), WaitTimeSeconds = 2 });
        Assert.Equal(poison, Assert.Single(back.Messages ?? []).MessageId);
    }

    [Fact]
    public async Task A_redrive_rate_outside_1_to_500_is_refused_on_the_page_and_nothing_moves()
    {
        await PoisonAsync("support");
        var page = await _host.SignedInPageAsync(chromium.Browser, "operator", $"#/queues/{SupportDlq}");
        var rate = page.GetByLabel("Messages per second");
        await rate.WaitForAsync();

        foreach (var bad in new[] { "0", "501", "2.5" })
        {
            await rate.FillAsync(bad);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Redrive to {Support}" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cannot redrive. The rate must be a whole number of messages per second from 1 to 500.");
            await Assertions.Expect(rate).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        }
        Assert.Equal((1, 0), await DepthAsync(SupportDlq));
    }

    [Fact]
    public async Task Purge_refuses_without_the_typed_name_and_deletes_every_message_with_it()
    {
        await _host.SendMailAsync("_invoices@example.com", "Invoice 1");
        await _host.SendMailAsync("_invoices@example.com", "Invoice 2");
        await WaitForDepthAsync(Invoices, 2);
        // The API refuses a purge whose confirmation is missing or is not the queue's name, whatever the page does.
        Assert.Equal(HttpStatusCode.BadRequest, await PurgeThroughApiAsync(Invoices, """{"confirm": "mailflow-local-invoice"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, await PurgeThroughApiAsync(Invoices, "{}"));
        Assert.Equal((2, 0), await DepthAsync(Invoices));

        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", $"#/queues/{Invoices}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Purge {Invoices}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Purge {Invoices}?" });
        var confirm = dialog.GetByRole(AriaRole.Button, new() { Name = $"Purge {Invoices}" });
        var typed = dialog.GetByLabel($"Type {Invoices} to confirm");
        await Assertions.Expect(dialog).ToContainTextAsync("(2 now)");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await typed.FillAsync("mailflow-local-invoice");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await typed.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-purge-confirm");
        Assert.Equal((2, 0), await DepthAsync(Invoices));

        await typed.FillAsync(Invoices);
        await confirm.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Purged" })).ToHaveTextAsync($"Purged {Invoices}: 2 messages deleted.");
        // The purge button is gone with the messages: focus lands on what happened, not on the page's body.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Purged" })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByText($"{Invoices} holds no messages.")).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "queues-purged");
        Assert.Equal((0, 0), await DepthAsync(Invoices));
    }

    [Theory]
    [InlineData("viewer", 0, 0)]
    [InlineData("operator", 1, 0)]
    [InlineData("admin", 1, 1)]
    public async Task Only_the_actions_a_role_may_take_are_offered_on_a_dlq_holding_messages(string role, int redrives, int purges)
    {
        await PoisonAsync("support");

        var page = await _host.SignedInPageAsync(chromium.Browser, role, $"#/queues/{SupportDlq}");
        await Assertions.Expect(page.Locator(".queue-message")).ToHaveCountAsync(1);

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Redrive" })).ToHaveCountAsync(redrives);
        await Assertions.Expect(page.GetByLabel("Messages per second")).ToHaveCountAsync(redrives);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Purge" })).ToHaveCountAsync(purges);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, $"queues-dlq-{role}");
    }

    [Fact]
    public async Task An_empty_queue_says_it_holds_no_messages_and_offers_nothing_to_purge()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", $"#/queues/{Invoices}");

        await Assertions.Expect(page.GetByText($"{Invoices} holds no messages.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Purge" })).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-empty");
    }

    [Fact]
    public async Task An_unknown_queue_name_says_there_is_no_such_queue()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer", "#/queues/no-such-queue");

        await Assertions.Expect(page.GetByText("There is no Mailflow queue named no-such-queue.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Messages" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "All queues" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queues", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_failing_api_call_says_what_failed_and_retry_loads_the_queues()
    {
        var page = await _host.SignedInPageAsync(chromium.Browser, "viewer");
        await page.RouteAsync("**/api/queues", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/json",
            Body = """{"error":"unavailable","message":"The queue engine is not answering."}""",
        }));
        await page.GetByRole(AriaRole.Link, new() { Name = "Queues", Exact = true }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not load the queues. The queue engine is not answering. (503 unavailable)");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-error");
        await page.UnrouteAsync("**/api/queues");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = Invoices, Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_list_and_a_dlq_fit_the_screen_width()
    {
        await PoisonAsync("support");

        var page = await _host.SignedInPageAsync(chromium.Browser, "admin", "#/queues", width: 390, height: 844);
        await Assertions.Expect(page.Locator("tr.queue-dlq-holding")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the queue list scrolls sideways at 390 px");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-phone");

        await page.EvaluateAsync("hash => { location.hash = hash; }", $"#/queues/{SupportDlq}");
        await Assertions.Expect(page.Locator(".queue-message")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the DLQ's page scrolls sideways at 390 px");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "queues-dlq-phone");
    }

    /// <summary>
    /// Makes a poison message the way a failing consumer does: the app's queue is received with a zero visibility
    /// timeout and never deleted, so the receive after the fifth moves the message to the app's DLQ
    /// (docs/local-queues.md, as SQS redrive does). Returns the message id.
    /// </summary>
    private async Task<string> PoisonAsync(string app)
    {
        var queue = $"mailflow-local-{app}";
        await _host.SendMailAsync($"_{app}@example.com", "Poison");
        await WaitForDepthAsync(queue, 1);
        using var sqs = _host.Mailflow.SqsClient();
        string? id = null;
        for (var receives = 0; receives < MaxReceiveCount; receives++)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _host.Mailflow.QueueUrl(queue), VisibilityTimeout = 0 });
            id = Assert.Single(received.Messages ?? []).MessageId;
        }
        var moved = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _host.Mailflow.QueueUrl(queue), VisibilityTimeout = 0 });
        Assert.Empty(moved.Messages ?? []);
        Assert.Equal((1, 0), await DepthAsync(queue + "-dlq"));
        return id!;
    }

    /// <summary>ApproximateNumberOfMessages and ApproximateNumberOfMessagesNotVisible through the SQS endpoint.</summary>
    private async Task<(int Visible, int NotVisible)> DepthAsync(string queue)
    {
        using var sqs = _host.Mailflow.SqsClient();
        var attributes = (await sqs.GetQueueAttributesAsync(_host.Mailflow.QueueUrl(queue), ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])).Attributes;
        return (int.Parse(attributes["ApproximateNumberOfMessages"], CultureInfo.InvariantCulture),
            int.Parse(attributes["ApproximateNumberOfMessagesNotVisible"], CultureInfo.InvariantCulture));
    }

    /// <summary>The worker routes asynchronously after the SMTP 250: waits until the app's queue holds the mail.</summary>
    private async Task WaitForDepthAsync(string queue, int visible)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while ((await DepthAsync(queue)).Visible < visible)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{queue} did not reach {visible} visible messages in 30 s");
            await Task.Delay(200);
        }
    }

    /// <summary>Receives the next message with a zero visibility timeout and returns its ApproximateReceiveCount.</summary>
    private async Task<string> ReceiveCountOfNextAsync(string queue)
    {
        using var sqs = _host.Mailflow.SqsClient();
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = _host.Mailflow.QueueUrl(queue),
            VisibilityTimeout = 0,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        });
        return Assert.Single(received.Messages ?? []).Attributes["ApproximateReceiveCount"];
    }

    private async Task<HttpStatusCode> PurgeThroughApiAsync(string queue, string body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_host.Mailflow.HttpUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/queues/{queue}/purge") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await _host.Mailflow.TokenAsync("admin"));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
