using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Aws.Operations;
using Mailflow.Aws.Tests.Fauxqs;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Operations;

/// <summary><see cref="SqsQueueAdministration"/> on fauxqs: depths, browsing, purge, and the refusals that need no move task.</summary>
public sealed class SqsQueueAdministrationTests(FauxqsServer fauxqs) : IClassFixture<FauxqsServer>, IDisposable
{
    private static readonly DateTimeOffset s_noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly AmazonSQSClient _sqs = fauxqs.Environment.CreateSqs();
    private readonly InMemoryLedgerReader _ledger = new();

    public void Dispose() => _sqs.Dispose();

    private async Task<(SqsQueueAdministration Admin, QueueNames Names)> DeployAsync()
    {
        var config = OperationsConfig.Fresh();
        await OperationsConfig.CreateQueuesAsync(_sqs, config);
        return (new SqsQueueAdministration(_sqs, config, _ledger, TimeProvider.System), new QueueNames(config.Environment));
    }

    private async Task<string> UrlAsync(string queue) => (await _sqs.GetQueueUrlAsync(queue)).QueueUrl;

    [Fact]
    public async Task The_list_is_every_queue_of_the_configuration_with_SQS_depths_and_no_oldest_age()
    {
        var (admin, names) = await DeployAsync();
        var app1 = await UrlAsync(names.ForApp("app1"));
        await _sqs.SendMessageAsync(app1, "one");
        await _sqs.SendMessageAsync(app1, "two");
        await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = app1, MaxNumberOfMessages = 1, VisibilityTimeout = 300 });
        await _sqs.SendMessageAsync(await UrlAsync(QueueNames.DeadLetterOf(names.ForApp("app1"))), "dead");
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = await UrlAsync(names.Outbound), MessageBody = "later", DelaySeconds = 600 });

        var queues = await admin.ListAsync(CancellationToken.None);

        Assert.Equal(QueueNames.All(OperationsConfigOf(names)), queues.Select(q => q.Name));
        var app = Assert.Single(queues, q => q.Name == names.ForApp("app1"));
        Assert.Equal(("app", "app1", 1L, 1L, 0L, QueueNames.DeadLetterOf(names.ForApp("app1")), (long?)1), (app.Kind, app.App, app.Visible, app.InFlight, app.Delayed, app.DeadLetterQueue, app.DeadLetterDepth));
        var outbound = Assert.Single(queues, q => q.Name == names.Outbound);
        Assert.Equal(("outbound", 0L, 1L), (outbound.Kind, outbound.Visible, outbound.Delayed));
        var dlq = Assert.Single(queues, q => q.Name == QueueNames.DeadLetterOf(names.ForApp("app1")));
        Assert.Equal(("dead-letter", "app1", 1L, (string?)null, (long?)null), (dlq.Kind, dlq.App, dlq.Visible, dlq.DeadLetterQueue, dlq.DeadLetterDepth));
        Assert.Equal(["inbound", "dead-letter", "outbound", "dead-letter", "quarantine", "dead-letter", "app", "dead-letter", "app", "dead-letter"], queues.Select(q => q.Kind));
        Assert.All(queues, q => Assert.Null(q.OldestAgeSeconds));
    }

    [Fact]
    public async Task Listing_a_configuration_whose_queue_is_not_deployed_names_the_missing_queue()
    {
        var config = OperationsConfig.Fresh();
        var missing = new QueueNames(config.Environment).ForApp("app2");
        await OperationsConfig.CreateQueuesAsync(_sqs, config, missing);
        var admin = new SqsQueueAdministration(_sqs, config, _ledger, TimeProvider.System);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => admin.ListAsync(CancellationToken.None));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browsing_a_dead_letter_queue_returns_its_messages_and_a_second_look_returns_them_again()
    {
        var (admin, names) = await DeployAsync();
        var dlqName = QueueNames.DeadLetterOf(names.Inbound);
        var dlq = await UrlAsync(dlqName);
        await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = dlq,
            MessageBody = "first",
            MessageAttributes = new() { ["mailflow-reason-code"] = new MessageAttributeValue { DataType = "String", StringValue = "invalid-envelope" } },
        });
        await Task.Delay(20);
        await _sqs.SendMessageAsync(dlq, "second");

        var first = await admin.BrowseAsync(dlqName, 10, CancellationToken.None);
        var second = await admin.BrowseAsync(dlqName, 10, CancellationToken.None);
        var depth = (await _sqs.GetQueueAttributesAsync(dlq, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])).Attributes;

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(("queue", dlqName), (first.Source, first.Queue));
        Assert.Equal(["first", "second"], first.Messages.Select(m => m.Body));
        Assert.Equal(["first", "second"], second.Messages.Select(m => m.Body));
        Assert.Equal("invalid-envelope", first.Messages[0].Attributes["mailflow-reason-code"]);
        Assert.Equal([1, 1], first.Messages.Select(m => m.ReceiveCount));
        Assert.Equal([2, 2], second.Messages.Select(m => m.ReceiveCount));
        Assert.Equal(FauxqsQuirks.CountsZeroVisibilityReceivesAsInFlightUntilTheNextReceive ? ("0", "2") : ("2", "0"),
            (depth["ApproximateNumberOfMessages"], depth["ApproximateNumberOfMessagesNotVisible"]));
        Assert.Contains("receive count", first.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browsing_a_dead_letter_queue_stops_at_max()
    {
        var (admin, names) = await DeployAsync();
        var dlqName = QueueNames.DeadLetterOf(names.Outbound);
        var dlq = await UrlAsync(dlqName);
        for (var i = 0; i < 4; i++)
        {
            await _sqs.SendMessageAsync(dlq, $"m{i}");
        }

        var browse = await admin.BrowseAsync(dlqName, 3, CancellationToken.None);

        Assert.Equal(3, browse!.Messages.Count);
    }

    [Fact]
    public async Task Browsing_an_app_queue_shows_what_the_ledger_routed_there_without_touching_the_queue()
    {
        var (admin, names) = await DeployAsync();
        var app1 = await UrlAsync(names.ForApp("app1"));
        await _sqs.SendMessageAsync(app1, "an envelope on the queue");
        _ledger.Add(new MessageSummary("ses-old", "inbound", s_noon, s_noon.AddSeconds(1), "routed", ["app1"], "a@sender.test", ["app1@example.com"], "Invoice"));
        _ledger.Add(new MessageSummary("ses-new", "inbound", s_noon.AddMinutes(1), s_noon.AddMinutes(1).AddSeconds(1), "routed", ["app1", "app2"], "b@sender.test", ["app1@example.com"], "Hello"));

        var browse = await admin.BrowseAsync(names.ForApp("app1"), 5, CancellationToken.None);
        var depth = (await _sqs.GetQueueAttributesAsync(app1, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"];
        var receiveCount = (await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = app1, MessageSystemAttributeNames = ["ApproximateReceiveCount"], VisibilityTimeout = 0 }))
            .Messages.Single().Attributes["ApproximateReceiveCount"];

        Assert.NotNull(browse);
        Assert.Equal("ledger", browse.Source);
        Assert.Equal(["ses-old.app1", "ses-new.app1"], browse.Messages.Select(m => m.MessageId));
        Assert.All(browse.Messages, m => Assert.Equal(0, m.ReceiveCount));
        Assert.Equal(s_noon.AddSeconds(1), browse.Messages[0].SentAt);
        using var body = JsonDocument.Parse(browse.Messages[1].Body);
        Assert.Equal(("ses-new", "ses-new.app1", "routed"), (body.RootElement.GetProperty("mailId").GetString(), body.RootElement.GetProperty("envelopeId").GetString(), body.RootElement.GetProperty("status").GetString()));
        Assert.DoesNotContain("@", browse.Messages[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello", browse.Messages[1].Body, StringComparison.Ordinal);
        Assert.Contains("SQS cannot show", browse.Note, StringComparison.Ordinal);
        var search = Assert.Single(_ledger.Searches);
        Assert.Equal(("app1", "routed", 5), (search.App, search.Status, search.Limit));
        Assert.Equal(("1", "1"), (depth, receiveCount));
    }

    [Fact]
    public async Task Browsing_the_quarantine_queue_reads_the_quarantined_mails_of_the_ledger()
    {
        var (admin, names) = await DeployAsync();
        _ledger.Add(new MessageSummary("ses-q", "inbound", s_noon, s_noon, "quarantined", [], null, [], null));

        var browse = await admin.BrowseAsync(names.Quarantine, 10, CancellationToken.None);

        Assert.Equal(["ses-q.quarantine"], browse!.Messages.Select(m => m.MessageId));
        Assert.Equal((null, "quarantined"), (_ledger.Searches[0].App, _ledger.Searches[0].Status));
    }

    [Fact]
    public async Task Browsing_a_queue_that_is_not_Mailflows_is_null()
    {
        var (admin, _) = await DeployAsync();
        var foreign = await fauxqs.CreateQueueAsync($"foreign-{Guid.NewGuid():N}");

        Assert.Null(await admin.BrowseAsync(foreign[(foreign.LastIndexOf('/') + 1)..], 10, CancellationToken.None));
    }

    [Fact]
    public async Task Purging_a_queue_deletes_its_messages_and_reports_no_count()
    {
        var (admin, names) = await DeployAsync();
        var app2 = await UrlAsync(names.ForApp("app2"));
        await _sqs.SendMessageAsync(app2, "one");
        await _sqs.SendMessageAsync(app2, "two");

        var count = await admin.PurgeAsync(names.ForApp("app2"), CancellationToken.None);
        var depth = (await _sqs.GetQueueAttributesAsync(app2, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"];

        Assert.Null(count);
        Assert.Equal("0", depth);
    }

    [Fact]
    public async Task Purging_or_redriving_a_queue_that_is_not_Mailflows_is_queue_not_found()
    {
        var (admin, _) = await DeployAsync();
        var foreign = $"foreign-{Guid.NewGuid():N}";
        await fauxqs.CreateQueueAsync(foreign);

        var purge = await Assert.ThrowsAsync<QueueOperationException>(() => admin.PurgeAsync(foreign, CancellationToken.None));
        var redrive = await Assert.ThrowsAsync<QueueOperationException>(() => admin.StartRedriveAsync(foreign + "-dlq", 10, CancellationToken.None));

        Assert.Equal((QueueOperationException.NotFound, QueueOperationException.NotFound), (purge.Code, redrive.Code));
        Assert.Null(await admin.GetRedriveAsync(foreign, "1", CancellationToken.None));
    }

    [Fact]
    public async Task A_configured_queue_that_is_not_deployed_is_queue_not_found()
    {
        var config = OperationsConfig.Fresh();
        var admin = new SqsQueueAdministration(_sqs, config, _ledger, TimeProvider.System);
        var names = new QueueNames(config.Environment);

        var purge = await Assert.ThrowsAsync<QueueOperationException>(() => admin.PurgeAsync(names.Inbound, CancellationToken.None));
        var redrive = await Assert.ThrowsAsync<QueueOperationException>(() => admin.StartRedriveAsync(QueueNames.DeadLetterOf(names.Inbound), 10, CancellationToken.None));

        Assert.Equal((QueueOperationException.NotFound, QueueOperationException.NotFound), (purge.Code, redrive.Code));
        Assert.Null(await admin.BrowseAsync(QueueNames.DeadLetterOf(names.Inbound), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Redriving_a_queue_that_is_not_a_dead_letter_queue_is_refused_before_asking_SQS()
    {
        var (admin, names) = await DeployAsync();

        var error = await Assert.ThrowsAsync<QueueOperationException>(() => admin.StartRedriveAsync(names.ForApp("app1"), 10, CancellationToken.None));

        Assert.Equal(QueueOperationException.NotADeadLetterQueue, error.Code);
        Assert.Contains(QueueNames.DeadLetterOf(names.ForApp("app1")), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task A_redrive_rate_SQS_would_refuse_is_an_argument_error(int rate)
    {
        var (admin, names) = await DeployAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => admin.StartRedriveAsync(QueueNames.DeadLetterOf(names.Inbound), rate, CancellationToken.None));
    }

    [Fact]
    public async Task Browsing_fewer_than_one_message_is_an_argument_error()
    {
        var (admin, names) = await DeployAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => admin.BrowseAsync(names.Inbound, 0, CancellationToken.None));
    }

    private static MailflowConfig OperationsConfigOf(QueueNames names) =>
        DefaultConfig.Instance with { Environment = names.Inbound["mailflow-".Length..^"-inbound".Length] };
}
