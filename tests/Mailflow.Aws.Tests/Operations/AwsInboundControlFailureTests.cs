using Mailflow.Testing.Stubs;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>What the API can show when a switch fails: a stable code and a message saying what to check.</summary>
public sealed class AwsInboundControlFailureTests
{
    public static TheoryData<int, string, string, string> LambdaFailures => new()
    {
        { 404, "ResourceNotFoundException", InboundControlException.NotFound, "MAILFLOW_INBOUND_MAPPING_ID" },
        { 403, "AccessDeniedException", InboundControlException.Denied, "lambda:UpdateEventSourceMapping" },
        { 403, "ExpiredTokenException", InboundControlException.Denied, "API function's role" },
        { 429, "TooManyRequestsException", InboundControlException.Unavailable, "retry" },
        { 500, "ServiceException", InboundControlException.Unavailable, "retry" },
        { 400, "ResourceInUseException", InboundControlException.Unavailable, "previous change" },
        { 409, "ResourceConflictException", InboundControlException.Unavailable, "previous change" },
        { 400, "InvalidParameterValueException", InboundControlException.Rejected, "nothing was changed" },
    };

    [Theory]
    [MemberData(nameof(LambdaFailures))]
    public async Task A_Lambda_error_is_classified_with_what_to_check(int status, string type, string code, string advice)
    {
        await using var plane = new FakeControlPlane();
        plane.Fail = r => r.Method == "PUT" ? FakeControlPlane.LambdaError(status, type + ":http://internal.amazon.com/coral/com.amazonaws.lambda/", "It went wrong.") : null;
        using var control = new ControlUnderTest(plane);

        var failure = await Assert.ThrowsAsync<InboundControlException>(() => control.Control.ApplyAsync(InboundSwitch.Pause, CancellationToken.None));

        Assert.Equal(code, failure.Code);
        Assert.Equal(code == InboundControlException.Unavailable, failure.IsTransient);
        Assert.Contains($"answered {status} {type} to UpdateEventSourceMapping of event source mapping {FakeControlPlane.MappingId}: It went wrong.", failure.Message, StringComparison.Ordinal);
        Assert.Contains(advice, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "RuleDoesNotExist", InboundControlException.NotFound, "MAILFLOW_RECEIPT_RULE")]
    [InlineData(400, "RuleSetDoesNotExist", InboundControlException.NotFound, "MAILFLOW_RECEIPT_RULE_SET")]
    [InlineData(403, "AccessDenied", InboundControlException.Denied, "ses:DescribeReceiptRule and ses:UpdateReceiptRule")]
    [InlineData(400, "Throttling", InboundControlException.Unavailable, "retry")]
    [InlineData(503, "ServiceUnavailable", InboundControlException.Unavailable, "retry")]
    public async Task An_SES_error_on_describe_is_classified_with_what_to_check(int status, string type, string code, string advice)
    {
        await using var plane = new FakeControlPlane();
        plane.Fail = r => FakeControlPlane.Action(r) == "DescribeReceiptRule" ? FakeControlPlane.SesError(status, type, "Rule does not exist: mailflow-prod-inbound") : null;
        using var control = new ControlUnderTest(plane);

        var failure = await Assert.ThrowsAsync<InboundControlException>(() => control.Control.ApplyAsync(InboundSwitch.Disable, CancellationToken.None));

        Assert.Equal(code, failure.Code);
        Assert.Contains($"answered {status} {type} to DescribeReceiptRule of rule mailflow-prod-inbound in rule set mailflow-prod", failure.Message, StringComparison.Ordinal);
        Assert.Contains(advice, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(plane.Requests, r => FakeControlPlane.Action(r) == "UpdateReceiptRule");
    }

    [Fact]
    public async Task SES_refusing_the_update_because_the_bucket_policy_changed_is_rejected_and_the_rule_stays_as_it_was()
    {
        await using var plane = new FakeControlPlane();
        plane.Fail = r => FakeControlPlane.Action(r) == "UpdateReceiptRule"
            ? FakeControlPlane.SesError(400, "InvalidS3Configuration", "Could not write to bucket: mailflow-prod-raw")
            : null;
        using var control = new ControlUnderTest(plane);

        var failure = await Assert.ThrowsAsync<InboundControlException>(() => control.Control.ApplyAsync(InboundSwitch.Disable, CancellationToken.None));

        Assert.Equal(InboundControlException.Rejected, failure.Code);
        Assert.Contains("InvalidS3Configuration", failure.Message, StringComparison.Ordinal);
        Assert.Equal("true", plane.Rule.Element(FakeControlPlane.Ses + "Enabled")!.Value);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_unavailable()
    {
        await using var plane = new FakeControlPlane();
        plane.Fail = r => r.Method == "GET" ? new StubResponse(200, "{}", Delay: TimeSpan.FromSeconds(5)) : null;
        using var control = new ControlUnderTest(plane, timeout: TimeSpan.FromMilliseconds(300));

        var failure = await Assert.ThrowsAsync<InboundControlException>(() => RealTimeoutAsync(control));

        Assert.Equal(InboundControlException.Unavailable, failure.Code);
    }

    [Fact]
    public async Task A_success_without_a_State_is_unavailable_rather_than_a_guess()
    {
        await using var plane = new FakeControlPlane();
        plane.Fail = r => r.Method == "GET" ? new StubResponse(200, """{"UUID":"x"}""") : null;
        using var control = new ControlUnderTest(plane);

        var failure = await Assert.ThrowsAsync<InboundControlException>(() => control.Control.GetAsync(CancellationToken.None));

        Assert.Equal(InboundControlException.Unavailable, failure.Code);
        Assert.Contains("no State", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_describe_answer_that_is_not_XML_is_unavailable()
    {
        await using var plane = new FakeControlPlane();
        plane.Fail = r => FakeControlPlane.Action(r) == "DescribeReceiptRule" ? new StubResponse(200, "<html>proxy error") : null;
        using var control = new ControlUnderTest(plane);

        var failure = await Assert.ThrowsAsync<InboundControlException>(() => control.Control.GetAsync(CancellationToken.None));

        Assert.Equal(InboundControlException.Unavailable, failure.Code);
    }

    [Fact]
    public async Task Missing_credentials_are_denied_before_anything_is_sent()
    {
        await using var plane = new FakeControlPlane();
        using var http = new HttpClient();
        var options = new ControlUnderTest(plane).Options;
        var control = new Mailflow.Aws.Operations.AwsInboundControl(http, new Mailflow.Aws.Operations.AwsInboundControlOptions
        {
            Region = options.Region,
            LambdaEndpoint = options.LambdaEndpoint,
            SesEndpoint = options.SesEndpoint,
            Targets = options.Targets,
            InboundQueue = options.InboundQueue,
            InboundQueueRetention = options.InboundQueueRetention,
            Credentials = _ => throw new InvalidOperationException("Unable to find credentials"),
        }, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<InboundControlException>(() => control.GetAsync(CancellationToken.None));

        Assert.Equal(InboundControlException.Denied, failure.Code);
        Assert.Contains("Unable to find credentials", failure.Message, StringComparison.Ordinal);
        Assert.Empty(plane.Requests);
    }

    // The timeout runs on the control's TimeProvider; a real clock is what a stalled server meets.
    private static async Task<InboundStatus> RealTimeoutAsync(ControlUnderTest control)
    {
        var options = control.Options;
        var real = new Mailflow.Aws.Operations.AwsInboundControl(control.Http, options, TimeProvider.System);
        return await real.GetAsync(CancellationToken.None);
    }
}
