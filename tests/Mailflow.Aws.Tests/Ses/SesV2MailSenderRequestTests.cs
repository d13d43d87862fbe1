using System.Text;
using Amazon.Runtime;
using Mailflow.Aws.Ses;
using Mailflow.Core.Ports;
using Mailflow.Testing.Stubs;
using MimeKit;

namespace Mailflow.Aws.Tests.Ses;

/// <summary>The SendEmail request as it reaches the wire, captured by <see cref="StubHttpServer"/>: body, envelope, signature headers.</summary>
public sealed class SesV2MailSenderRequestTests
{
    [Fact]
    public async Task Every_envelope_recipient_is_in_Destination_and_the_Bcc_one_only_there()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        using var ses = new SenderUnderTest(stub.Endpoint);

        await ses.Sender.SendAsync(SesMails.Invoice("out-1", "audit@shop.example"), CancellationToken.None);

        var json = stub.OnlyRequest().Json();
        Assert.Equal("""{"ToAddresses":["ann@buyer.example"],"CcAddresses":["ap@buyer.example"],"BccAddresses":["audit@shop.example"]}""",
            json["Destination"]!.ToJsonString());
        var mime = Mime(json);
        Assert.DoesNotContain("audit@shop.example", Encoding.ASCII.GetString(Raw(json)), StringComparison.Ordinal);
        Assert.Empty(mime.Bcc);
    }

    [Fact]
    public async Task The_raw_message_is_the_composed_mail_with_CRLF_line_endings_and_its_own_Message_ID()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        using var ses = new SenderUnderTest(stub.Endpoint);
        var mail = SesMails.Invoice("out-2");

        await ses.Sender.SendAsync(mail, CancellationToken.None);

        var raw = Raw(stub.OnlyRequest().Json());
        var text = Encoding.ASCII.GetString(raw);
        Assert.DoesNotMatch("[^\r]\n", text);
        Assert.True(Ascii.IsValid(raw), "SES does not take SMTPUTF8: headers and bodies must be 7-bit.");
        var mime = Mime(stub.OnlyRequest().Json());
        Assert.Equal(SesMails.MessageId, mime.MessageId);
        Assert.Equal(SesMails.Subject, mime.Subject);
        var pdf = Assert.IsType<MimePart>(Assert.Single(mime.Attachments));
        using var bytes = new MemoryStream();
        pdf.Content!.DecodeTo(bytes);
        Assert.Equal(SesMails.PdfBytes, bytes.ToArray());
    }

    [Fact]
    public async Task FromEmailAddress_keeps_the_senders_display_name_and_the_configuration_set_is_passed()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        using var ses = new SenderUnderTest(stub.Endpoint, configurationSet: "mailflow-prod");

        await ses.Sender.SendAsync(SesMails.Invoice("out-3"), CancellationToken.None);

        var json = stub.OnlyRequest().Json();
        Assert.Equal(["FromEmailAddress", "Destination", "Content", "ConfigurationSetName"], json.Select(p => p.Key));
        Assert.Equal("Shop Billing <billing@shop.example>", (string?)json["FromEmailAddress"]);
        Assert.Equal("mailflow-prod", (string?)json["ConfigurationSetName"]);
    }

    [Fact]
    public async Task A_non_ASCII_display_name_goes_as_an_encoded_word_and_no_configuration_set_means_none_in_the_request()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        using var ses = new SenderUnderTest(stub.Endpoint);
        var mail = SesMails.Simple("out-4", "Grüße GmbH <billing@shop.example>", ["ann@buyer.example"]);

        await ses.Sender.SendAsync(mail, CancellationToken.None);

        var json = stub.OnlyRequest().Json();
        var from = (string)json["FromEmailAddress"]!;
        Assert.StartsWith("=?utf-8?", from, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(" <billing@shop.example>", from, StringComparison.Ordinal);
        Assert.Equal("Grüße GmbH", MailboxAddress.Parse(from).Name);
        Assert.False(json.ContainsKey("ConfigurationSetName"));
    }

    [Fact]
    public async Task An_IDN_domain_goes_as_punycode_in_Destination()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        using var ses = new SenderUnderTest(stub.Endpoint);

        await ses.Sender.SendAsync(SesMails.Simple("out-5", SesMails.From, ["ann@bücher.example"]), CancellationToken.None);

        Assert.Equal("ann@xn--bcher-kva.example", (string?)stub.OnlyRequest().Json()["Destination"]!["ToAddresses"]![0]);
    }

    [Fact]
    public async Task A_non_ASCII_local_part_is_rejected_before_anything_is_sent()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        using var ses = new SenderUnderTest(stub.Endpoint);

        var rejected = await Assert.ThrowsAsync<MailRejectedException>(() =>
            ses.Sender.SendAsync(SesMails.Simple("out-6", SesMails.From, ["влад@buyer.example"]), CancellationToken.None));

        Assert.Empty(stub.Requests);
        Assert.Equal("5.6.7", rejected.EnhancedStatusCode);
        Assert.Contains("SMTPUTF8", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("влад@", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_is_a_signed_POST_to_outbound_emails_with_the_session_token_signed_too()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        using var ses = new SenderUnderTest(stub.Endpoint, region: "eu-west-1");

        await ses.Sender.SendAsync(SesMails.Invoice("out-7"), CancellationToken.None);

        var request = stub.OnlyRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/email/outbound-emails", request.RawUrl);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("20250301T093005Z", request.Header("X-Amz-Date"));
        Assert.Equal(SenderUnderTest.RoleCredentials.Token, request.Header("X-Amz-Security-Token"));
        Assert.StartsWith(
            "AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20250301/eu-west-1/ses/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=",
            request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(request.Header("Authorization"), Resign(request, SenderUnderTest.RoleCredentials, "eu-west-1"));
    }

    [Fact]
    public async Task Long_term_credentials_send_no_security_token()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        var keys = new ImmutableCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
        using var ses = new SenderUnderTest(stub.Endpoint, region: "us-east-1", credentials: keys);

        var sent = await ses.Sender.SendAsync(SesMails.Invoice("out-8"), CancellationToken.None);

        var request = stub.OnlyRequest();
        Assert.Null(request.Header("X-Amz-Security-Token"));
        Assert.Contains("/us-east-1/ses/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(request.Header("Authorization"), Resign(request, keys, "us-east-1"));
        Assert.Equal([SesMails.MessageId, "0102abc-000000@email.amazonses.com"], sent.MessageIds);
    }

    [Fact]
    public async Task An_endpoint_with_a_path_keeps_it_in_front_of_the_API_path()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        using var ses = new SenderUnderTest(new Uri(stub.Endpoint, "/ses-proxy/"));

        await ses.Sender.SendAsync(SesMails.Invoice("out-9"), CancellationToken.None);

        var request = stub.OnlyRequest();
        Assert.Equal("/ses-proxy/v2/email/outbound-emails", request.RawUrl);
        Assert.Equal(request.Header("Authorization"), Resign(request, SenderUnderTest.RoleCredentials, "eu-west-1"));
    }

    [Fact]
    public async Task Credentials_are_asked_for_on_every_send_so_rotated_ones_are_used()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("0102abc-000000"));
        var calls = 0;
        using var ses = new SenderUnderTest(stub.Endpoint, credentialSource: _ =>
        {
            calls++;
            return ValueTask.FromResult(new ImmutableCredentials($"ASIA{calls}EXAMPLE", "secret", "token-" + calls));
        });

        await ses.Sender.SendAsync(SesMails.Invoice("out-10"), CancellationToken.None);
        await ses.Sender.SendAsync(SesMails.Invoice("out-11"), CancellationToken.None);

        Assert.Equal(["token-1", "token-2"], stub.Requests.Select(r => r.Header("X-Amz-Security-Token")));
    }

    /// <summary>
    /// Signs, independently of the sender, a request rebuilt from what arrived: equal signatures mean the sender signed
    /// exactly the method, path, headers and bytes it put on the wire.
    /// </summary>
    private static string Resign(CapturedRequest captured, ImmutableCredentials credentials, string region)
    {
        using var request = new HttpRequestMessage(new HttpMethod(captured.Method), new Uri(captured.Url.GetLeftPart(UriPartial.Authority) + captured.RawUrl))
        {
            Content = new ByteArrayContent(captured.Body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", captured.Header("Content-Type"));
        request.Headers.Host = captured.Header("Host");
        var signer = new SigV4Signer(region, SesV2MailSender.SigningName);
        var date = DateTimeOffset.ParseExact(captured.Header("X-Amz-Date")!, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal);
        signer.Sign(request, captured.Body, credentials, date);
        return request.Headers.GetValues("Authorization").Single();
    }

    private static byte[] Raw(System.Text.Json.Nodes.JsonObject json) => Convert.FromBase64String((string)json["Content"]!["Raw"]!["Data"]!);

    private static MimeMessage Mime(System.Text.Json.Nodes.JsonObject json)
    {
        using var stream = new MemoryStream(Raw(json));
        return MimeMessage.Load(stream);
    }
}
