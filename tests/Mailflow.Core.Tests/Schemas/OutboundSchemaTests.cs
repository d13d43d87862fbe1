using System.Text.Json.Nodes;
using Mailflow.Core.InMemory;
using Mailflow.Core.Outbound;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Schemas;

/// <summary>
/// The outbound schema, the reader and the validator say the same thing: the documented examples pass all three and
/// compose (LESSONS.md: the docs sent camelCase while the worker wanted snake_case, and outbound never worked), and
/// an envelope with a mistake the schema can express is refused by both.
/// </summary>
public class OutboundSchemaTests
{
    private const string OutboundDoc = "docs/outbound.md";

    public static TheoryData<int> OutboundDocExamples()
    {
        var data = new TheoryData<int>();
        foreach (var (_, index, _) in OutboundBlocks())
        {
            data.Add(index);
        }
        return data;
    }

    [Fact]
    public void The_outbound_doc_shows_a_plain_mail_a_reply_with_an_attachment_and_an_html_mail_with_an_inline_image()
    {
        var envelopes = OutboundBlocks().Select(b => OutboundReader.Read(b.Json)).ToList();

        Assert.Contains(envelopes, e => e is { Html: null, InReplyTo: null, Attachments: null });
        Assert.Contains(envelopes, e => e is { InReplyTo: not null, Attachments: [{ StorageKey: not null }] });
        Assert.Contains(envelopes, e => e is { Html: not null, Attachments: [{ ContentId: not null, Content: not null }] });
    }

    [Theory]
    [MemberData(nameof(OutboundDocExamples))]
    public async Task Every_outbound_example_in_the_docs_is_read_validated_and_composed(int index)
    {
        var json = OutboundBlocks().Single(b => b.Index == index).Json;
        SchemaTests.AssertValid(await SchemaTests.OutboundSchema.Value, json, $"{OutboundDoc}#{index}");

        var envelope = OutboundReader.Read(json);
        Assert.Empty(OutboundValidator.Validate(envelope, OutboundSamples.DefaultRules));
        var store = new InMemoryAttachmentStore();
        foreach (var key in (envelope.Attachments ?? []).Select(a => a.StorageKey).OfType<string>())
        {
            await store.PutAsync(key, new MemoryStream("%PDF-1.7 stored"u8.ToArray()), "application/pdf", CancellationToken.None);
        }
        var mail = await OutboundSamples.ComposeAsync(envelope, store);

        Assert.Equal(envelope.From!.Address, mail.EnvelopeFrom);
        Assert.NotEmpty(mail.Recipients);
        Assert.Equal(envelope.Attachments?.Count ?? 0, mail.Message.BodyParts.Count(p => p is MimeKit.MimePart { ContentId: not null } or MimeKit.MimePart { IsAttachment: true }));
    }

    [Theory]
    [InlineData("snake_case property", "idempotency_key", "\"k\"")]
    [InlineData("unknown property", "priority", "\"high\"")]
    [InlineData("schema of another version", "schema", "\"mailflow.outbound.v2\"")]
    [InlineData("app in capitals", "app", "\"App1\"")]
    [InlineData("idempotency key empty", "idempotencyKey", "\"\"")]
    [InlineData("idempotency key with a line feed", "idempotencyKey", "\"a\\nb\"")]
    [InlineData("idempotency key too long", "idempotencyKey", "\"KEY257\"")]
    [InlineData("from missing", "from", null)]
    [InlineData("from a string", "from", "\"_app1@example.com\"")]
    [InlineData("from with a name in the address", "from", "{ \"address\": \"App <_app1@example.com>\" }")]
    [InlineData("subject with CR LF", "subject", "\"Hi\\r\\nBcc: eve@evil.example\"")]
    [InlineData("subject a number", "subject", "42")]
    [InlineData("no body", "text", null)]
    [InlineData("no recipient", "to", "[]")]
    [InlineData("recipient name with LF", "to", "[{ \"address\": \"ann@customer.example\", \"name\": \"Ann\\nX-Evil: 1\" }]")]
    [InlineData("recipient without address", "to", "[{ \"name\": \"Ann\" }]")]
    [InlineData("autoReply a string", "autoReply", "\"true\"")]
    [InlineData("in-reply-to with LF", "inReplyTo", "\"a@b\\nBcc: eve@evil.example\"")]
    [InlineData("standard header", "headers", "{ \"Subject\": \"x\" }")]
    [InlineData("Mailflow header", "headers", "{ \"X-Mailflow-Hops\": \"0\" }")]
    [InlineData("SES header", "headers", "{ \"x-ses-configuration-set\": \"other\" }")]
    [InlineData("header name with a space", "headers", "{ \"X-A B\": \"x\" }")]
    [InlineData("header value with CR LF", "headers", "{ \"X-Ticket\": \"1\\r\\nBcc: eve@evil.example\" }")]
    [InlineData("header value a number", "headers", "{ \"X-Ticket\": 1 }")]
    [InlineData("attachment without filename", "attachments", "[{ \"content\": \"JVBERg==\" }]")]
    [InlineData("attachment with content and key", "attachments", "[{ \"filename\": \"a.pdf\", \"content\": \"JVBERg==\", \"storageKey\": \"attachments/s/a0\" }]")]
    [InlineData("attachment with neither content nor key", "attachments", "[{ \"filename\": \"a.pdf\" }]")]
    [InlineData("attachment content not base64", "attachments", "[{ \"filename\": \"a.pdf\", \"content\": \"not base64!\" }]")]
    [InlineData("attachment type without subtype", "attachments", "[{ \"filename\": \"a.pdf\", \"contentType\": \"application\", \"content\": \"JVBERg==\" }]")]
    [InlineData("attachment type multipart", "attachments", "[{ \"filename\": \"a.eml\", \"contentType\": \"multipart/mixed\", \"content\": \"JVBERg==\" }]")]
    [InlineData("attachment filename with CR LF", "attachments", "[{ \"filename\": \"a.pdf\\r\\nX-Evil: 1\", \"content\": \"JVBERg==\" }]")]
    [InlineData("storage key of raw mail", "attachments", "[{ \"filename\": \"a.eml\", \"storageKey\": \"raw/ab/ses-1\" }]")]
    [InlineData("storage key climbing out", "attachments", "[{ \"filename\": \"a.eml\", \"storageKey\": \"attachments/../raw/ab/ses-1\" }]")]
    [InlineData("content id in angle brackets", "attachments", "[{ \"filename\": \"a.png\", \"content\": \"AA==\", \"contentId\": \"<logo@app>\" }]")]
    [InlineData("unknown attachment property", "attachments", "[{ \"filename\": \"a.pdf\", \"content\": \"JVBERg==\", \"size\": 4 }]")]
    public async Task An_envelope_with_a_mistake_is_refused_by_the_schema_and_by_the_reader_or_validator(string mistake, string property, string? value)
    {
        var envelope = JsonNode.Parse(OutboundSamples.ValidJson)!.AsObject();
        if (value is null)
        {
            envelope.Remove(property);
        }
        else
        {
            if (property == "idempotency_key")
            {
                envelope.Remove("idempotencyKey");
            }
            envelope[property] = JsonNode.Parse(value == "\"KEY257\"" ? $"\"{new string('k', 257)}\"" : value);
        }
        var json = envelope.ToJsonString();

        var schemaErrors = (await SchemaTests.OutboundSchema.Value).Validate(json);
        var problems = ReadAndValidate(json);

        Assert.True(schemaErrors.Count > 0, $"the schema accepts an envelope with this mistake: {mistake}");
        Assert.True(problems.Count > 0, $"the reader and validator accept an envelope with this mistake: {mistake}");
    }

    [Fact]
    public async Task The_sample_envelope_and_a_full_one_pass_the_schema_and_the_validator()
    {
        var full = JsonNode.Parse(OutboundSamples.ValidJson)!.AsObject();
        full["cc"] = JsonNode.Parse("[{ \"address\": \"jörg@bücher.example\", \"name\": null }]");
        full["bcc"] = JsonNode.Parse("[{ \"address\": \"archive@acme.example\" }]");
        full["replyTo"] = null;
        full["html"] = "<p>Thank you.</p>";
        full["inReplyTo"] = "0100019a1b2c3d4e-0.app1";
        full["autoReply"] = true;
        full["headers"] = JsonNode.Parse("{ \"X-Ticket\": \"981\", \"x-note\": \"für\\tdich\" }");
        full["attachments"] = JsonNode.Parse("""
            [
              { "filename": "a.pdf", "contentType": "application/pdf", "content": "JVBERg==" },
              { "filename": "b.pdf", "storageKey": "outbound/app1/b.pdf", "content": null, "contentType": null },
              { "filename": "logo.png", "content": "AA==", "contentId": "logo@app1" }
            ]
            """);
        var schema = await SchemaTests.OutboundSchema.Value;

        foreach (var json in new[] { OutboundSamples.ValidJson, full.ToJsonString() })
        {
            SchemaTests.AssertValid(schema, json, "envelope");
            Assert.Empty(ReadAndValidate(json));
        }
    }

    private static IReadOnlyList<OutboundProblem> ReadAndValidate(string json)
    {
        try
        {
            return OutboundValidator.Validate(OutboundReader.Read(json), OutboundSamples.DefaultRules);
        }
        catch (OutboundInvalidException ex)
        {
            return ex.Problems;
        }
    }

    private static IEnumerable<(string File, int Index, string Json)> OutboundBlocks() =>
        SchemaTests.AllDocBlocks().Where(b => b.File == OutboundDoc && SchemaTests.SchemaNamedBy(b.Json) == SchemaTests.OutboundSchemaFile);
}
