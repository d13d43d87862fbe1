using System.Diagnostics;
using Mailflow.Core.Ports;

namespace Mailflow.Testing.Contracts;

/// <summary>
/// What every <see cref="IQueueClient"/> must do, run against each adapter by a subclass: what an app receives is what
/// Mailflow sent, body and string attributes, exactly once. Each test uses queues of its own.
/// </summary>
public abstract class QueueClientContractTests : IAsyncLifetime
{
    private static readonly TimeSpan s_arrival = TimeSpan.FromSeconds(15);

    private IQueueClient? _client;

    protected IQueueClient Client => _client ?? throw new InvalidOperationException("The client opens in InitializeAsync.");

    /// <summary>Opens the client under test.</summary>
    protected abstract Task<IQueueClient> OpenClientAsync();

    /// <summary>Creates an empty queue.</summary>
    protected abstract Task CreateQueueAsync(string name);

    /// <summary>
    /// Takes what is on the queue now (up to 10 messages, which are then no longer visible), waiting briefly for the
    /// first; attributes as their string values, after asserting they arrived with DataType String.
    /// </summary>
    protected abstract Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue);

    /// <summary>
    /// Whether characters U+10000 to U+10FFFF (emoji) are accepted. SQS accepts them (quotas-messages.html); a target
    /// that refuses them must refuse them as a permanent failure.
    /// </summary>
    protected virtual bool AcceptsCharactersBeyondTheBasicPlane => true;

    public async Task InitializeAsync() => _client = await OpenClientAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected async Task<string> NewQueueAsync(string purpose)
    {
        var name = $"{purpose}-{Guid.NewGuid():N}";
        await CreateQueueAsync(name);
        return name;
    }

    protected Task SendAsync(string queue, string body, IReadOnlyDictionary<string, string>? attributes = null) =>
        Client.SendAsync(queue, new QueueMessage(body, attributes ?? new Dictionary<string, string>()), CancellationToken.None);

    /// <summary>Receives until <paramref name="expected"/> messages arrived (or time is up), then once more to catch extras.</summary>
    protected async Task<List<QueueMessage>> DrainAsync(string queue, int expected)
    {
        var received = new List<QueueMessage>();
        var clock = Stopwatch.StartNew();
        while (received.Count < expected && clock.Elapsed < s_arrival)
        {
            received.AddRange(await ReceiveAsync(queue));
        }
        received.AddRange(await ReceiveAsync(queue));
        return received;
    }

    protected static void AssertSame(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));

    [Fact]
    public async Task The_body_and_string_attributes_arrive_as_sent()
    {
        var queue = await NewQueueAsync("plain");
        var attributes = new Dictionary<string, string> { ["mailflow-schema"] = "mailflow.inbound/1", ["mailflow-envelope-id"] = "ses-1.invoices" };

        await SendAsync(queue, "{\"schema\":\"mailflow.inbound/1\",\"id\":\"ses-1.invoices\"}", attributes);

        var message = Assert.Single(await DrainAsync(queue, 1));
        Assert.Equal("{\"schema\":\"mailflow.inbound/1\",\"id\":\"ses-1.invoices\"}", message.Body);
        AssertSame(attributes, message.Attributes);
    }

    [Fact]
    public async Task Unicode_in_the_body_and_in_attribute_values_arrives_intact()
    {
        var queue = await NewQueueAsync("unicode");
        var body = "{\"subject\":\"Grüße, 件名, Ωμέγα, שלום, привет\"} <x a=\"1\"/>\r\n\t";
        var attributes = new Dictionary<string, string> { ["mailflow-error"] = "Größe überschritten — 件名 «quoted»", ["mailflow-app"] = "ünïcødé" };

        await SendAsync(queue, body, attributes);

        var message = Assert.Single(await DrainAsync(queue, 1));
        Assert.Equal(body, message.Body);
        AssertSame(attributes, message.Attributes);
    }

    [Fact]
    public async Task Characters_beyond_the_basic_plane_arrive_intact_or_are_refused_as_permanent()
    {
        var queue = await NewQueueAsync("astral");
        var body = "{\"subject\":\"Invoice 😀 𝔐𝔞𝔦𝔩\"}";

        if (AcceptsCharactersBeyondTheBasicPlane)
        {
            await SendAsync(queue, body, new Dictionary<string, string> { ["note"] = "🎉" });
            var message = Assert.Single(await DrainAsync(queue, 1));
            Assert.Equal(body, message.Body);
            Assert.Equal("🎉", message.Attributes["note"]);
        }
        else
        {
            await Assert.ThrowsAnyAsync<PermanentFailureException>(() => SendAsync(queue, body));
            Assert.Empty(await DrainAsync(queue, 0));
        }
    }

    [Fact]
    public async Task A_message_without_attributes_arrives_without_attributes()
    {
        var queue = await NewQueueAsync("bare");

        await SendAsync(queue, "x");

        var message = Assert.Single(await DrainAsync(queue, 1));
        Assert.Equal("x", message.Body);
        Assert.Empty(message.Attributes);
    }

    [Fact]
    public async Task Twenty_five_concurrent_sends_to_one_queue_all_arrive_exactly_once()
    {
        var queue = await NewQueueAsync("concurrent");
        var bodies = Enumerable.Range(0, 25).Select(i => $"{{\"n\":{i}}}").ToList();

        await Task.WhenAll(bodies.Select(body => Task.Run(() =>
            SendAsync(queue, body, new Dictionary<string, string> { ["mailflow-envelope-id"] = body }))));

        var received = await DrainAsync(queue, bodies.Count);
        Assert.Equal(bodies.Order(StringComparer.Ordinal), received.Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.All(received, message => Assert.Equal(message.Body, message.Attributes["mailflow-envelope-id"]));
    }

    [Fact]
    public async Task Ten_attributes_survive_with_their_names_and_values()
    {
        var queue = await NewQueueAsync("attributes");
        var attributes = Enumerable.Range(0, 10).ToDictionary(
            i => $"mailflow-diag.{i}_x",
            i => i == 9 ? "{\"reason\":\"a \\\"quoted\\\" value, with spaces\"}" : new string((char)('a' + i), i + 1));

        await SendAsync(queue, "dead letter", attributes);

        var message = Assert.Single(await DrainAsync(queue, 1));
        AssertSame(attributes, message.Attributes);
    }

    [Fact]
    public async Task A_message_goes_only_to_the_queue_it_was_sent_to()
    {
        var first = await NewQueueAsync("first");
        var second = await NewQueueAsync("second");

        await SendAsync(first, "for the first");
        await SendAsync(second, "for the second");

        Assert.Equal("for the first", Assert.Single(await DrainAsync(first, 1)).Body);
        Assert.Equal("for the second", Assert.Single(await DrainAsync(second, 1)).Body);
    }
}
