using Amazon.Runtime;
using Mailflow.Testing.Stubs;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>The Lambda and SES requests the switches send, as they reach the wire: method, path, parameters, body, and a signature that verifies.</summary>
public sealed class AwsInboundControlRequestTests
{
    [Fact]
    public async Task Reading_the_state_gets_the_mapping_and_describes_the_rule_each_request_signed_for_its_service()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        await control.Control.GetAsync(CancellationToken.None);

        var get = Assert.Single(plane.Requests, r => r.Method == "GET");
        Assert.Equal($"/2015-03-31/event-source-mappings/{FakeControlPlane.MappingId}", get.RawUrl);
        Assert.Empty(get.Body);
        AssertSigned(get, "lambda", ControlUnderTest.RoleCredentials);

        var describe = Assert.Single(plane.Requests, r => r.Method == "POST");
        Assert.Equal("/", describe.RawUrl);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", describe.Header("Content-Type"));
        Assert.Equal(
            [new("Action", "DescribeReceiptRule"), new("Version", "2010-12-01"), new("RuleSetName", FakeControlPlane.RuleSet), new("RuleName", FakeControlPlane.RuleName)],
            FakeControlPlane.Form(describe));
        AssertSigned(describe, "ses", ControlUnderTest.RoleCredentials);
    }

    [Fact]
    public async Task Pause_sends_a_signed_PUT_whose_JSON_body_is_only_Enabled_false()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        await control.Control.ApplyAsync(InboundSwitch.Pause, CancellationToken.None);

        var put = Assert.Single(plane.Requests, r => r.Method == "PUT");
        Assert.Equal($"/2015-03-31/event-source-mappings/{FakeControlPlane.MappingId}", put.RawUrl);
        Assert.Equal("application/json", put.Header("Content-Type"));
        Assert.Equal("""{"Enabled":false}""", System.Text.Encoding.UTF8.GetString(put.Body));
        AssertSigned(put, "lambda", ControlUnderTest.RoleCredentials);
    }

    [Fact]
    public async Task Resume_sends_Enabled_true()
    {
        await using var plane = new FakeControlPlane(mappingState: "Disabled");
        using var control = new ControlUnderTest(plane);

        await control.Control.ApplyAsync(InboundSwitch.Resume, CancellationToken.None);

        Assert.Equal("""{"Enabled":true}""", System.Text.Encoding.UTF8.GetString(Assert.Single(plane.Requests, r => r.Method == "PUT").Body));
    }

    [Fact]
    public async Task Disable_sends_every_field_of_the_described_rule_back_with_only_Enabled_changed()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        await control.Control.ApplyAsync(InboundSwitch.Disable, CancellationToken.None);

        var update = Assert.Single(plane.Requests, r => FakeControlPlane.Action(r) == "UpdateReceiptRule");
        Assert.Equal(
            [
                new("Action", "UpdateReceiptRule"),
                new("Version", "2010-12-01"),
                new("RuleSetName", "mailflow-prod"),
                new("Rule.Name", "mailflow-prod-inbound"),
                new("Rule.Enabled", "false"),
                new("Rule.TlsPolicy", "Require"),
                new("Rule.Recipients.member.1", "acme.com"),
                new("Rule.Recipients.member.2", ".mail.acme.com"),
                new("Rule.Actions.member.1.AddHeaderAction.HeaderName", "X-Mailflow-Env"),
                new("Rule.Actions.member.1.AddHeaderAction.HeaderValue", "prod & blue=green"),
                new("Rule.Actions.member.2.S3Action.BucketName", "mailflow-prod-inboundrawmail1a2b-x9y8"),
                new("Rule.Actions.member.2.S3Action.ObjectKeyPrefix", "raw/"),
                new("Rule.Actions.member.2.S3Action.TopicArn", "arn:aws:sns:eu-west-1:333333333333:Mailflow-prod-InboundTopic-AbC"),
                new("Rule.Actions.member.2.S3Action.KmsKeyArn", "arn:aws:kms:eu-west-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                new("Rule.Actions.member.2.S3Action.IamRoleArn", "arn:aws:iam::333333333333:role/ses-s3-writer"),
                new("Rule.Actions.member.3.StopAction.Scope", "RuleSet"),
                new("Rule.ScanEnabled", "true"),
            ],
            FakeControlPlane.Form(update));
        // Reserved characters are percent-encoded on the wire (RFC 3986), never sent raw.
        Assert.Contains("prod%20%26%20blue%3Dgreen", System.Text.Encoding.ASCII.GetString(update.Body), StringComparison.Ordinal);
        AssertSigned(update, "ses", ControlUnderTest.RoleCredentials);
    }

    [Fact]
    public async Task A_rule_described_without_Enabled_gets_it_added_when_enabled()
    {
        await using var plane = new FakeControlPlane(ruleEnabled: false);
        plane.Rule.Element(FakeControlPlane.Ses + "Enabled")!.Remove();
        using var control = new ControlUnderTest(plane);
        plane.Fail = r => FakeControlPlane.Action(r) == "UpdateReceiptRule" ? new StubResponse(200, "<UpdateReceiptRuleResponse/>") : null;

        await control.Control.ApplyAsync(InboundSwitch.Enable, CancellationToken.None);

        var form = FakeControlPlane.Form(Assert.Single(plane.Requests, r => FakeControlPlane.Action(r) == "UpdateReceiptRule"));
        Assert.Equal(new KeyValuePair<string, string>("Rule.Enabled", "true"), form[4]);
        Assert.Equal("Rule.Name", form[3].Key);
        Assert.Equal(17, form.Count);
    }

    [Fact]
    public async Task Long_term_credentials_send_no_security_token()
    {
        await using var plane = new FakeControlPlane();
        var keys = new ImmutableCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
        using var control = new ControlUnderTest(plane, keys);

        await control.Control.ApplyAsync(InboundSwitch.Disable, CancellationToken.None);

        Assert.Equal(3, plane.Requests.Count);
        Assert.All(plane.Requests, r =>
        {
            Assert.Null(r.Header("X-Amz-Security-Token"));
            AssertSigned(r, r.Method == "POST" ? "ses" : "lambda", keys);
        });
    }

    private static void AssertSigned(CapturedRequest request, string service, ImmutableCredentials credentials)
    {
        var auth = IndependentSigV4.ParseAuthorization(request.Header("Authorization"));
        Assert.Equal(credentials.AccessKey, auth.AccessKey);
        Assert.Equal("20250301", auth.Date);
        Assert.Equal("eu-west-1", auth.Region);
        Assert.Equal(service, auth.Service);
        Assert.Equal("20250301T093005Z", request.Header("X-Amz-Date"));
        Assert.Contains("host", auth.SignedHeaders);
        Assert.Contains("x-amz-date", auth.SignedHeaders);
        if (credentials.UseToken)
        {
            Assert.Equal(credentials.Token, request.Header("X-Amz-Security-Token"));
            Assert.Contains("x-amz-security-token", auth.SignedHeaders);
        }
        if (request.Body.Length > 0)
        {
            Assert.Contains("content-type", auth.SignedHeaders);
        }
        Assert.Equal(IndependentSigV4.Signature(request, credentials.SecretKey), auth.Signature);
    }
}
