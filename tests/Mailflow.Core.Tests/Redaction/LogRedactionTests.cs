using Mailflow.Core.Tests.Fixtures;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Redaction;

/// <summary>
/// Runs the pipeline over the whole fixture corpus, captures every log record (message and structured
/// values) and fails if any fixture's address or subject appears in them.
/// </summary>
public class LogRedactionTests
{
    [Fact]
    public async Task Logs_of_the_whole_corpus_carry_no_address_or_subject()
    {
        var pipeline = new TestPipeline(TestPipeline.LoadConfig(MailFixture.ConfigPath));
        var secrets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in MailFixture.Names())
        {
            var fixture = MailFixture.Load(name);
            var recipients = fixture.Recipients();
            await pipeline.ReceiveAsync(fixture.Raw, recipients, $"fixture-{name}", fixture.Verdicts(), fixture.MailFrom);
            secrets.UnionWith(recipients);
            secrets.Add(fixture.MailFrom);
            using var stream = new MemoryStream(fixture.Raw);
            using var headers = Core.Mail.MailParser.ParseHeaders(stream, CancellationToken.None);
            secrets.UnionWith(headers.From.Mailboxes.Concat(headers.To.Mailboxes).Concat(headers.Cc.Mailboxes)
                .Concat(headers.ReplyTo.Mailboxes).Select(m => m.Address));
            if (headers.Subject is { Length: >= 4 } subject)
            {
                secrets.Add(subject);
            }
        }
        secrets.RemoveWhere(s => s.Length < 4);

        var records = pipeline.Logger.Collector.GetSnapshot();
        Assert.True(records.Count > 100, $"expected the corpus to log, got {records.Count} records");
        var logged = records.SelectMany(r => new[] { r.Message }.Concat(r.StructuredState?.Select(kv => kv.Value ?? "") ?? [])).ToList();
        var leaks = secrets.Where(secret => logged.Any(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "logged PII: " + string.Join(", ", leaks));
    }
}
