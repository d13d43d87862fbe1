using Mailflow.Core.Configuration;
using Mailflow.Core.Outbound;
using Mailflow.Core.Policy;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Outbound;

public class OutboundValidatorTests
{
    private static readonly OutboundAddress s_ann = new() { Address = "ann@customer.example" };

    /// <summary>One broken envelope per rule: the edit, and the one problem it must produce.</summary>
    private static readonly Dictionary<string, (Func<OutboundEnvelope, OutboundEnvelope> Edit, string Path, string Code)> s_cases = new()
    {
        ["schema missing"] = (e => e with { Schema = null }, "$.schema", ReasonCodes.InvalidEnvelope),
        ["schema of another version"] = (e => e with { Schema = "mailflow.outbound.v2" }, "$.schema", ReasonCodes.InvalidEnvelope),
        ["app missing"] = (e => e with { App = null }, "$.app", ReasonCodes.InvalidEnvelope),
        ["app unknown"] = (e => e with { App = "billing" }, "$.app", ReasonCodes.UnknownApp),
        ["app in another case"] = (e => e with { App = "App1" }, "$.app", ReasonCodes.UnknownApp),
        ["idempotency key missing"] = (e => e with { IdempotencyKey = null }, "$.idempotencyKey", ReasonCodes.InvalidEnvelope),
        ["idempotency key empty"] = (e => e with { IdempotencyKey = "" }, "$.idempotencyKey", ReasonCodes.InvalidEnvelope),
        ["idempotency key of 257 characters"] = (e => e with { IdempotencyKey = new string('k', 257) }, "$.idempotencyKey", ReasonCodes.InvalidEnvelope),
        ["idempotency key with a line feed"] = (e => e with { IdempotencyKey = "a\nb" }, "$.idempotencyKey", ReasonCodes.InvalidEnvelope),
        ["from missing"] = (e => e with { From = null }, "$.from", ReasonCodes.InvalidEnvelope),
        ["from without address"] = (e => e with { From = new OutboundAddress { Name = "App" } }, "$.from.address", ReasonCodes.InvalidEnvelope),
        ["from another app"] = (e => e with { From = new OutboundAddress { Address = "_app2@example.com" } }, "$.from.address", ReasonCodes.ForeignSender),
        ["from a stranger"] = (e => e with { From = new OutboundAddress { Address = "ceo@example.com" } }, "$.from.address", ReasonCodes.ForeignSender),
        ["from another domain"] = (e => e with { From = new OutboundAddress { Address = "_app1@other.example" } }, "$.from.address", ReasonCodes.ForeignSender),
        ["from name with CR LF"] = (e => e with { From = e.From! with { Name = "App\r\nBcc: eve@evil.example" } }, "$.from.name", ReasonCodes.HeaderInjection),
        ["no recipient"] = (e => e with { To = [] }, "$.to", ReasonCodes.InvalidEnvelope),
        ["recipient null"] = (e => e with { To = [s_ann, null!] }, "$.to[1]", ReasonCodes.InvalidEnvelope),
        ["recipient without address"] = (e => e with { Cc = [new OutboundAddress { Name = "Bob" }] }, "$.cc[0].address", ReasonCodes.InvalidEnvelope),
        ["recipient not an address"] = (e => e with { To = [s_ann, new OutboundAddress { Address = "bob at example" }] }, "$.to[1].address", ReasonCodes.InvalidAddress),
        ["recipient with a display name"] = (e => e with { Bcc = [new OutboundAddress { Address = "Bob <bob@customer.example>" }] }, "$.bcc[0].address", ReasonCodes.InvalidAddress),
        ["recipient with a trailing comment"] = (e => e with { To = [new OutboundAddress { Address = "bob@customer.example (Bob)" }] }, "$.to[0].address", ReasonCodes.InvalidAddress),
        ["recipient without domain"] = (e => e with { To = [new OutboundAddress { Address = "bob@" }] }, "$.to[0].address", ReasonCodes.InvalidAddress),
        ["two recipients in one"] = (e => e with { To = [new OutboundAddress { Address = "a@x.example, b@x.example" }] }, "$.to[0].address", ReasonCodes.InvalidAddress),
        ["recipient address with CR LF"] = (e => e with { To = [new OutboundAddress { Address = "ann@customer.example\r\nBcc: eve@evil.example" }] }, "$.to[0].address", ReasonCodes.HeaderInjection),
        ["recipient name with LF"] = (e => e with { Cc = [s_ann with { Name = "Ann\nX-Evil: 1" }] }, "$.cc[0].name", ReasonCodes.HeaderInjection),
        ["reply-to not an address"] = (e => e with { ReplyTo = [new OutboundAddress { Address = "nobody" }] }, "$.replyTo[0].address", ReasonCodes.InvalidAddress),
        ["subject with CR LF"] = (e => e with { Subject = "Hi\r\nBcc: eve@evil.example" }, "$.subject", ReasonCodes.HeaderInjection),
        ["subject with NUL"] = (e => e with { Subject = "Hi\0" }, "$.subject", ReasonCodes.HeaderInjection),
        ["no body"] = (e => e with { Text = null, Html = null }, "$.text", ReasonCodes.InvalidEnvelope),
        ["in-reply-to with LF"] = (e => e with { InReplyTo = "<a@b>\nBcc: eve@evil.example" }, "$.inReplyTo", ReasonCodes.HeaderInjection),
        ["in-reply-to blank"] = (e => e with { InReplyTo = " " }, "$.inReplyTo", ReasonCodes.InvalidEnvelope),
        ["standard header"] = (e => e with { Headers = new Dictionary<string, string> { ["Subject"] = "x" } }, "$.headers['Subject']", ReasonCodes.ForbiddenHeader),
        ["Bcc header"] = (e => e with { Headers = new Dictionary<string, string> { ["Bcc"] = "eve@evil.example" } }, "$.headers['Bcc']", ReasonCodes.ForbiddenHeader),
        ["header name with a colon"] = (e => e with { Headers = new Dictionary<string, string> { ["X-A:B"] = "x" } }, "$.headers['X-A:B']", ReasonCodes.ForbiddenHeader),
        ["header name with a space"] = (e => e with { Headers = new Dictionary<string, string> { ["X-A B"] = "x" } }, "$.headers['X-A B']", ReasonCodes.ForbiddenHeader),
        ["header name not ASCII"] = (e => e with { Headers = new Dictionary<string, string> { ["X-Grüße"] = "x" } }, "$.headers['X-Grüße']", ReasonCodes.ForbiddenHeader),
        ["Mailflow's hop header"] = (e => e with { Headers = new Dictionary<string, string> { ["X-Mailflow-Hops"] = "0" } }, "$.headers['X-Mailflow-Hops']", ReasonCodes.ForbiddenHeader),
        ["Mailflow header in lower case"] = (e => e with { Headers = new Dictionary<string, string> { ["x-mailflow-anything"] = "1" } }, "$.headers['x-mailflow-anything']", ReasonCodes.ForbiddenHeader),
        ["SES instruction header"] = (e => e with { Headers = new Dictionary<string, string> { ["X-SES-CONFIGURATION-SET"] = "other" } }, "$.headers['X-SES-CONFIGURATION-SET']", ReasonCodes.ForbiddenHeader),
        ["header given twice in different case"] = (e => e with { Headers = new Dictionary<string, string> { ["X-Ticket"] = "1", ["x-ticket"] = "2" } }, "$.headers['x-ticket']", ReasonCodes.ForbiddenHeader),
        ["header name with CR LF"] = (e => e with { Headers = new Dictionary<string, string> { ["X-A\r\nBcc"] = "x" } }, "$.headers['X-A\\u000d\\u000aBcc']", ReasonCodes.HeaderInjection),
        ["header value with CR LF"] = (e => e with { Headers = new Dictionary<string, string> { ["X-Ticket"] = "1\r\nBcc: eve@evil.example" } }, "$.headers['X-Ticket']", ReasonCodes.HeaderInjection),
        ["header value null"] = (e => e with { Headers = new Dictionary<string, string> { ["X-Ticket"] = null! } }, "$.headers['X-Ticket']", ReasonCodes.InvalidEnvelope),
        ["attachment null"] = (e => e with { Attachments = [null!] }, "$.attachments[0]", ReasonCodes.InvalidEnvelope),
        ["attachment without filename"] = (e => e with { Attachments = [Pdf() with { Filename = null }] }, "$.attachments[0].filename", ReasonCodes.InvalidEnvelope),
        ["attachment filename with CR LF"] = (e => e with { Attachments = [Pdf() with { Filename = "a.pdf\r\nX-Evil: 1" }] }, "$.attachments[0].filename", ReasonCodes.HeaderInjection),
        ["attachment type without subtype"] = (e => e with { Attachments = [Pdf() with { ContentType = "application" }] }, "$.attachments[0].contentType", ReasonCodes.InvalidEnvelope),
        ["attachment type with parameters"] = (e => e with { Attachments = [Pdf() with { ContentType = "text/plain; charset=utf-8" }] }, "$.attachments[0].contentType", ReasonCodes.InvalidEnvelope),
        ["attachment type with three parts"] = (e => e with { Attachments = [Pdf() with { ContentType = "a/b/c" }] }, "$.attachments[0].contentType", ReasonCodes.InvalidEnvelope),
        ["attachment type multipart"] = (e => e with { Attachments = [Pdf() with { ContentType = "multipart/mixed" }] }, "$.attachments[0].contentType", ReasonCodes.InvalidEnvelope),
        ["attachment type with CR LF"] = (e => e with { Attachments = [Pdf() with { ContentType = "application/pdf\r\nX-Evil: 1" }] }, "$.attachments[0].contentType", ReasonCodes.HeaderInjection),
        ["attachment with neither content nor key"] = (e => e with { Attachments = [Pdf() with { Content = null }] }, "$.attachments[0]", ReasonCodes.InvalidEnvelope),
        ["attachment with content and key"] = (e => e with { Attachments = [Pdf() with { StorageKey = "attachments/ses-1/a0" }] }, "$.attachments[0]", ReasonCodes.InvalidEnvelope),
        ["attachment content not base64"] = (e => e with { Attachments = [Pdf() with { Content = "not base64!" }] }, "$.attachments[0].content", ReasonCodes.InvalidEnvelope),
        ["attachment content truncated"] = (e => e with { Attachments = [Pdf() with { Content = "JVBERi0" }] }, "$.attachments[0].content", ReasonCodes.InvalidEnvelope),
        ["attachment over the limit"] = (e => e with { Attachments = [Pdf() with { Content = Convert.ToBase64String(new byte[1025]) }] }, "$.attachments[0].content", ReasonCodes.TooLarge),
        ["storage key of another app"] = (e => e with { Attachments = [Stored("outbound/app2/report.pdf")] }, "$.attachments[0].storageKey", ReasonCodes.InvalidEnvelope),
        ["storage key of raw mail"] = (e => e with { Attachments = [Stored("raw/ab/ses-1")] }, "$.attachments[0].storageKey", ReasonCodes.InvalidEnvelope),
        ["storage key climbing out"] = (e => e with { Attachments = [Stored("attachments/../raw/ab/ses-1")] }, "$.attachments[0].storageKey", ReasonCodes.InvalidEnvelope),
        ["storage key from the root"] = (e => e with { Attachments = [Stored("/attachments/ses-1/a0")] }, "$.attachments[0].storageKey", ReasonCodes.InvalidEnvelope),
        ["content id in angle brackets"] = (e => e with { Attachments = [Pdf() with { ContentId = "<logo@app>" }] }, "$.attachments[0].contentId", ReasonCodes.InvalidEnvelope),
        ["content id with a space"] = (e => e with { Attachments = [Pdf() with { ContentId = "my logo" }] }, "$.attachments[0].contentId", ReasonCodes.InvalidEnvelope),
        ["content id with CR LF"] = (e => e with { Attachments = [Pdf() with { ContentId = "logo\r\nX-Evil: 1" }] }, "$.attachments[0].contentId", ReasonCodes.HeaderInjection),
    };

    public static TheoryData<string> Cases() => [.. s_cases.Keys];

    /// <summary>The default configuration with a 1 KiB attachment limit and 3 recipients at most, so the limits are cheap to reach.</summary>
    private static readonly OutboundRules s_rules = new(new MailflowConfig
    {
        Domains = ["example.com"],
        Apps = [new AppConfig { Name = "app1" }, new AppConfig { Name = "app2" }],
        Outbound = new OutboundConfig { MaxAttachmentBytes = 1024, MaxRecipients = 3 },
    });

    private static OutboundAttachment Pdf() => OutboundSamples.Inline("invoice.pdf", "application/pdf", "%PDF-1.7"u8.ToArray());

    private static OutboundAttachment Stored(string key) => new() { Filename = "invoice.pdf", StorageKey = key };

    [Fact]
    public void The_sample_envelope_is_valid()
    {
        Assert.Empty(OutboundValidator.Validate(OutboundSamples.Valid(), s_rules));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_broken_rule_is_one_problem_with_its_path_and_reason_code(string rule)
    {
        var (edit, path, code) = s_cases[rule];

        var problems = OutboundValidator.Validate(edit(OutboundSamples.Valid()), s_rules);

        var problem = Assert.Single(problems);
        Assert.Equal((path, code), (problem.Path, problem.ReasonCode));
        Assert.DoesNotContain('\r', problem.Message);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var envelope = OutboundSamples.Valid() with
        {
            App = "billing",
            Subject = "x\r\ny",
            To = [new OutboundAddress { Address = "nope" }],
            Headers = new Dictionary<string, string> { ["Subject"] = "x" },
        };

        var codes = OutboundValidator.Validate(envelope, s_rules).Select(p => p.ReasonCode);

        Assert.Equal([ReasonCodes.UnknownApp, ReasonCodes.InvalidAddress, ReasonCodes.HeaderInjection, ReasonCodes.ForbiddenHeader], codes);
    }

    [Fact]
    public void ThrowIfInvalid_throws_every_problem_with_the_first_reason_code()
    {
        var envelope = OutboundSamples.Valid() with { From = new OutboundAddress { Address = "ceo@example.com" }, Subject = "a\nb" };

        var ex = Assert.Throws<OutboundInvalidException>(() => OutboundValidator.ThrowIfInvalid(envelope, s_rules));

        Assert.Equal(ReasonCodes.ForeignSender, ex.ReasonCode);
        Assert.Equal(2, ex.Problems.Count);
        Assert.StartsWith("$.from.address: app 'app1' may not send as c***@example.com", ex.Message, StringComparison.Ordinal);
        Assert.Contains("; $.subject: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_messages_never_carry_a_full_address()
    {
        var envelope = OutboundSamples.Valid() with
        {
            From = new OutboundAddress { Address = "secret.person@example.com" },
            To = [new OutboundAddress { Address = "Secret Person <secret.person@customer.example>" }],
        };

        var ex = Assert.Throws<OutboundInvalidException>(() => OutboundValidator.ThrowIfInvalid(envelope, s_rules));

        Assert.DoesNotContain("secret.person", ex.Message, StringComparison.Ordinal);
        Assert.Contains("s***@example.com", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recipients_over_the_limit_are_counted_across_to_cc_and_bcc()
    {
        var envelope = OutboundSamples.Valid() with { To = [s_ann, s_ann], Cc = [s_ann], Bcc = [s_ann, s_ann] };

        var problem = Assert.Single(OutboundValidator.Validate(envelope, s_rules));

        Assert.Equal(("$.bcc[0]", ReasonCodes.TooManyRecipients), (problem.Path, problem.ReasonCode));
        Assert.Contains("more than 3 recipients", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recipients_up_to_the_limit_are_fine_and_bcc_alone_is_enough()
    {
        Assert.Empty(OutboundValidator.Validate(OutboundSamples.Valid() with { To = [s_ann, s_ann], Cc = [s_ann] }, s_rules));
        Assert.Empty(OutboundValidator.Validate(OutboundSamples.Valid() with { To = null, Bcc = [s_ann] }, s_rules));
    }

    [Fact]
    public void The_default_limit_is_fifty_recipients()
    {
        var fifty = Enumerable.Repeat(s_ann, 50).ToList();

        Assert.Empty(OutboundValidator.Validate(OutboundSamples.Valid() with { To = fifty }, OutboundSamples.DefaultRules));
        Assert.Equal(ReasonCodes.TooManyRecipients,
            Assert.Single(OutboundValidator.Validate(OutboundSamples.Valid() with { To = [.. fifty, s_ann] }, OutboundSamples.DefaultRules)).ReasonCode);
    }

    [Theory]
    [InlineData("user@bücher.example")]
    [InlineData("jörg@bücher.example")]
    [InlineData("user@xn--bcher-kva.example")]
    [InlineData("用户@例子.广告")]
    [InlineData("\"quoted name\"@customer.example")]
    [InlineData("first.last+tag@sub.customer.example")]
    public void Internationalised_and_unusual_but_valid_addresses_are_valid(string address)
    {
        var envelope = OutboundSamples.Valid() with { To = [new OutboundAddress { Address = address }], ReplyTo = [new OutboundAddress { Address = address }] };

        Assert.Empty(OutboundValidator.Validate(envelope, s_rules));
    }

    [Fact]
    public void Unicode_names_subjects_and_header_values_with_tabs_are_valid()
    {
        var envelope = OutboundSamples.Valid() with
        {
            From = new OutboundAddress { Address = "_app1@example.com", Name = "Jörg Müller 😀" },
            Subject = "Grüße\taus Köln — Привет",
            Headers = new Dictionary<string, string> { ["X-Note"] = "Grüße\tja", ["x-lower-case"] = "ok" },
        };

        Assert.Empty(OutboundValidator.Validate(envelope, s_rules));
    }

    [Theory]
    [InlineData("attachments/0100019a1b2c3d4e-0/a0")]
    [InlineData("outbound/app1/2026/report.pdf")]
    public void A_storage_key_may_name_an_inbound_attachment_or_the_apps_own_upload(string key)
    {
        Assert.Empty(OutboundValidator.Validate(OutboundSamples.Valid() with { Attachments = [Stored(key)] }, s_rules));
    }

    [Fact]
    public void An_attachment_without_content_type_and_html_only_mail_are_valid()
    {
        var envelope = OutboundSamples.Valid() with
        {
            Text = null,
            Html = "<p>Hi</p>",
            Attachments = [Pdf() with { ContentType = null, ContentId = "logo@app1.example" }],
        };

        Assert.Empty(OutboundValidator.Validate(envelope, s_rules));
    }

    [Fact]
    public void An_attachment_exactly_at_the_limit_is_valid()
    {
        var envelope = OutboundSamples.Valid() with { Attachments = [Pdf() with { Content = Convert.ToBase64String(new byte[1024]) }] };

        Assert.Empty(OutboundValidator.Validate(envelope, s_rules));
    }

    [Fact]
    public void An_idempotency_key_of_256_characters_including_emoji_is_valid()
    {
        var key = string.Concat(Enumerable.Repeat("😀", 200)) + new string('k', 56);

        Assert.Empty(OutboundValidator.Validate(OutboundSamples.Valid() with { IdempotencyKey = key }, s_rules));
    }
}
