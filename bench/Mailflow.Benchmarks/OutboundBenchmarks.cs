using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mailflow.Core.Configuration;
using Mailflow.Core.InMemory;
using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;

namespace Mailflow.Benchmarks;

/// <summary>
/// One outbound mail through Mailflow's own work: read a ~20 KB envelope (text, html and a ~14 KB base64 attachment),
/// validate it, claim its idempotency key (a new key each time, so every mail is claimed), resolve the attachment,
/// compose the MIME message and write it out. Target (outbound issue): 2,000 mails/s or more on one core, i.e. a mean
/// under 500 µs.
/// </summary>
[MemoryDiagnoser]
public class OutboundBenchmarks
{
    private readonly InMemoryIdempotencyStore _idempotency = new();
    private readonly InMemoryAttachmentStore _attachments = new();
    private readonly DateTimeOffset _now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private OutboundRules _rules = null!;
    private string _json = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _rules = new OutboundRules(DefaultConfig.Instance);
        var attachment = new byte[10 * 1024];
        new Random(42).NextBytes(attachment);
        var envelope = new OutboundEnvelope
        {
            Schema = OutboundEnvelope.SchemaName,
            App = "app1",
            IdempotencyKey = "bench",
            From = new OutboundAddress { Address = "_app1+orders@example.com", Name = "Acme Orders" },
            To = [new OutboundAddress { Address = "ann@customer.example", Name = "Ann Müller" }],
            Cc = [new OutboundAddress { Address = "bob@customer.example" }],
            Bcc = [new OutboundAddress { Address = "archive@acme.example" }],
            Subject = "Your order 4711 — Grüße",
            Text = Lorem(2_500),
            Html = $"<html><body><p>{Lorem(3_000)}</p></body></html>",
            InReplyTo = "0100019a1b2c3d4e-0.app1",
            Headers = new Dictionary<string, string> { ["X-Order"] = "4711" },
            Attachments = [new OutboundAttachment { Filename = "invoice.pdf", ContentType = "application/pdf", Content = Convert.ToBase64String(attachment) }],
        };
        _json = JsonSerializer.Serialize(envelope, OutboundJsonContext.Default.OutboundEnvelope);
        if (OutboundValidator.Validate(OutboundReader.Read(_json), _rules).Count > 0 || _json.Length is < 19_000 or > 21_000)
        {
            throw new InvalidOperationException($"The benchmark envelope ({_json.Length} characters) is invalid or not about 20 KB.");
        }
    }

    [Benchmark]
    public async Task<long> ReadValidateClaimResolveCompose()
    {
        var envelope = OutboundReader.Read(_json);
        OutboundValidator.ThrowIfInvalid(envelope, _rules);
        var key = $"bench-{++_sequence}";
        var claim = await _idempotency.TryClaimAsync(new IdempotencyRequest(envelope.App!, key, key, _now, _now.AddHours(24)), CancellationToken.None);
        if (claim != IdempotencyClaim.Claimed)
        {
            throw new InvalidOperationException("A fresh key was not claimed.");
        }
        var outbound = _rules.Outbound;
        var attachments = await OutboundAttachments.ResolveAsync(envelope, _attachments, outbound.MaxAttachmentBytes, CancellationToken.None);
        var mailId = OutboundIds.MailId(envelope.App!, key);
        var mail = OutboundComposer.Compose(new ComposeRequest(mailId, envelope, OutboundIds.MessageId(mailId, envelope.From!.Address!), _now,
            "m2@sender.example", ["m1@sender.example", "m2@sender.example"], 1, attachments, outbound.MaxMessageBytes));
        using var sink = new MimeKit.IO.MeasuringStream();
        await mail.Message.WriteToAsync(OutboundComposer.WireFormat, sink);
        return sink.Length;
    }

    private static string Lorem(int length)
    {
        const string Words = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ";
        var builder = new StringBuilder(length + Words.Length);
        while (builder.Length < length)
        {
            builder.Append(Words);
        }
        return builder.ToString(0, length);
    }
}
