using Amazon.Runtime;
using Mailflow.Core.Ports;
using Mailflow.Testing.Emulators;
using Mailflow.Testing.Stubs;

namespace Mailflow.Aws.Tests.Ses;

/// <summary>
/// How the SES sender classifies what goes wrong (LESSONS.md: transient failures are redelivered by the platform,
/// permanent ones dead-letter), against <see cref="StubHttpServer"/> answering as SES would: the emulator cannot fail.
/// </summary>
public sealed class SesV2MailSenderFailureTests
{
    [Theory]
    [InlineData(429, "TooManyRequestsException", "Maximum sending rate exceeded.")]
    [InlineData(400, "LimitExceededException", "Daily message quota exceeded.")]
    [InlineData(400, "SendingPausedException", "Sending is paused for this account.")]
    [InlineData(403, "ExpiredTokenException", "The security token included in the request is expired")]
    [InlineData(403, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided.")]
    [InlineData(403, "AccessDeniedException", "User is not authorized to perform ses:SendEmail")]
    [InlineData(500, "InternalFailure", "We encountered an internal error.")]
    [InlineData(503, "ServiceUnavailable", "Service unavailable.")]
    public async Task A_transient_SES_error_defers_the_mail(int status, string type, string message)
    {
        await using var stub = StubHttpServer.Start(StubResponse.Error(status, type, message));
        using var ses = new SenderUnderTest(stub.Endpoint);

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() => ses.Sender.SendAsync(SesMails.Invoice(), CancellationToken.None));

        Assert.Contains($"answered {status} {type}: {message}", deferred.Message, StringComparison.Ordinal);
        Assert.EndsWith("The mail will be retried.", deferred.Message, StringComparison.Ordinal);
        Assert.Equal(3402, Assert.Single(ses.Logger.Collector.GetSnapshot()).Id.Id);
    }

    [Theory]
    [InlineData(400, "MessageRejected", "Email address is not verified.")]
    [InlineData(400, "MailFromDomainNotVerifiedException", "The MAIL FROM domain is not verified.")]
    [InlineData(400, "BadRequestException", "Illegal header value.")]
    [InlineData(404, "NotFoundException", "Configuration set mailflow-prod does not exist.")]
    [InlineData(400, "AccountSuspendedException", "Your account's ability to send email has been permanently restricted.")]
    public async Task A_permanent_SES_error_rejects_the_mail(int status, string type, string message)
    {
        await using var stub = StubHttpServer.Start(StubResponse.Error(status, type, message));
        using var ses = new SenderUnderTest(stub.Endpoint);

        var rejected = await Assert.ThrowsAsync<MailRejectedException>(() => ses.Sender.SendAsync(SesMails.Invoice(), CancellationToken.None));

        Assert.Contains($"answered {status} {type}: {message}", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(3401, Assert.Single(ses.Logger.Collector.GetSnapshot()).Id.Id);
    }

    [Fact]
    public async Task A_MessageRejected_that_quotes_addresses_is_reported_with_every_address_masked()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Error(400, "MessageRejected",
            "Email address is not verified. The following identities failed the check in region EU-WEST-1: billing@shop.example, ann@buyer.example"));
        using var ses = new SenderUnderTest(stub.Endpoint);

        var rejected = await Assert.ThrowsAsync<MailRejectedException>(() =>
            ses.Sender.SendAsync(SesMails.Invoice("out-1", "audit@shop.example"), CancellationToken.None));

        Assert.Contains("EU-WEST-1: b***@shop.example, a***@buyer.example", rejected.Message, StringComparison.Ordinal);
        foreach (var address in new[] { "billing@", "ann@", "ap@", "audit@" })
        {
            Assert.DoesNotContain(address, rejected.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(address, ses.AllLogText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_error_type_is_also_read_from_the_body_when_the_header_is_missing()
    {
        await using var stub = StubHttpServer.Start(new StubResponse(400, """{"__type":"com.amazon.coral.service#MessageRejected","Message":"Bad content."}"""));
        using var ses = new SenderUnderTest(stub.Endpoint);

        var rejected = await Assert.ThrowsAsync<MailRejectedException>(() => ses.Sender.SendAsync(SesMails.Invoice(), CancellationToken.None));

        Assert.Contains("answered 400 MessageRejected: Bad content.", rejected.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(502, typeof(MailDeferredException))]
    [InlineData(408, typeof(MailDeferredException))]
    [InlineData(413, typeof(MailRejectedException))]
    [InlineData(400, typeof(MailRejectedException))]
    public async Task An_answer_without_an_error_type_is_classified_by_its_status(int status, Type expected)
    {
        await using var stub = StubHttpServer.Start(new StubResponse(status, "<html>gateway says no</html>"));
        using var ses = new SenderUnderTest(stub.Endpoint);

        var failure = await Record.ExceptionAsync(() => ses.Sender.SendAsync(SesMails.Invoice(), CancellationToken.None));

        Assert.IsType(expected, failure);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_defers_the_mail()
    {
        await using var stub = StubHttpServer.Start(new StubResponse(200, """{"MessageId":"late"}""", Delay: TimeSpan.FromSeconds(20)));
        using var ses = new SenderUnderTest(stub.Endpoint, timeout: TimeSpan.FromMilliseconds(300), time: TimeProvider.System);

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() => ses.Sender.SendAsync(SesMails.Invoice(), CancellationToken.None));

        Assert.Contains("did not answer within 0.3 s", deferred.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_defers_the_mail()
    {
        using var ses = new SenderUnderTest(new Uri($"http://127.0.0.1:{FreePort.Next()}"));

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() => ses.Sender.SendAsync(SesMails.Invoice(), CancellationToken.None));

        Assert.Contains("Cannot reach SES (127.0.0.1:", deferred.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(deferred.InnerException);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_a_failure_of_the_mail()
    {
        await using var stub = StubHttpServer.Start(new StubResponse(200, """{"MessageId":"late"}""", Delay: TimeSpan.FromSeconds(20)));
        using var ses = new SenderUnderTest(stub.Endpoint, time: TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ses.Sender.SendAsync(SesMails.Invoice(), cancel.Token));
    }

    [Fact]
    public async Task Credentials_that_cannot_be_resolved_defer_the_mail_without_calling_SES()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("never"));
        using var ses = new SenderUnderTest(stub.Endpoint, credentialSource: _ => throw new AmazonClientException("Failed to resolve AWS credentials."));

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() => ses.Sender.SendAsync(SesMails.Invoice(), CancellationToken.None));

        Assert.Empty(stub.Requests);
        Assert.Contains("No AWS credentials to sign the SES request with (AmazonClientException: Failed to resolve AWS credentials.)", deferred.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_without_a_MessageId_is_not_retried_since_SES_may_have_sent_the_mail()
    {
        await using var stub = StubHttpServer.Start(new StubResponse(200, "{}"));
        using var ses = new SenderUnderTest(stub.Endpoint);

        var failure = await Assert.ThrowsAsync<PermanentFailureException>(() => ses.Sender.SendAsync(SesMails.Invoice(), CancellationToken.None));

        Assert.Contains("without a MessageId", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_without_envelope_recipients_fails_for_good_without_calling_SES()
    {
        await using var stub = StubHttpServer.Start(StubResponse.Sent("never"));
        using var ses = new SenderUnderTest(stub.Endpoint);

        await Assert.ThrowsAsync<PermanentFailureException>(() =>
            ses.Sender.SendAsync(SesMails.Simple("out-1", SesMails.From, []), CancellationToken.None));

        Assert.Empty(stub.Requests);
    }
}
