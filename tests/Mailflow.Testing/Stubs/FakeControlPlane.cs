using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Mailflow.Testing.Stubs;

/// <summary>
/// Lambda's event source mapping API and SES's receipt rule API on one <see cref="StubHttpServer"/>, answering as AWS
/// documents: <c>GET|PUT /2015-03-31/event-source-mappings/{UUID}</c> (JSON; a PUT answers 202 with the state
/// Enabling/Disabling) and <c>POST /</c> with DescribeReceiptRule/UpdateReceiptRule (XML). It keeps the state a PUT or
/// an UpdateReceiptRule leaves, and every request as it arrived. <see cref="Fail"/> scripts a failure instead.
/// </summary>
public sealed class FakeControlPlane : IAsyncDisposable
{
    public const string MappingId = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE";
    public const string RuleSet = "mailflow-prod";
    public const string RuleName = "mailflow-prod-inbound";
    public const double LastModifiedSeconds = 1740821405.123;

    private readonly StubHttpServer _server;

    public FakeControlPlane(string mappingState = "Enabled", bool ruleEnabled = true)
    {
        MappingState = mappingState;
        Rule = RealisticRule(ruleEnabled);
        _server = StubHttpServer.Start(Answer);
    }

    public Uri Endpoint => _server.Endpoint;

    public IReadOnlyList<CapturedRequest> Requests => [.. _server.Requests];

    /// <summary>The mapping's state; a test sets it back after a switch it made.</summary>
    public string MappingState { get; set; }

    public double MappingLastModified { get; private set; } = LastModifiedSeconds;

    /// <summary>The stored rule (the XML element DescribeReceiptRule returns).</summary>
    public XElement Rule { get; private set; }

    /// <summary>When set and returning a response, that response is sent instead.</summary>
    public Func<CapturedRequest, StubResponse?>? Fail { get; set; }

    public static string Action(CapturedRequest request) => Form(request).FirstOrDefault(p => p.Key == "Action").Value ?? "";

    public static List<KeyValuePair<string, string>> Form(CapturedRequest request) =>
        Encoding.UTF8.GetString(request.Body).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")))
            .ToList();

    public static StubResponse SesError(int status, string code, string message) => new(status,
        $"""<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>5d2a-err</RequestId></ErrorResponse>""");

    public static StubResponse LambdaError(int status, string type, string message) => new(status,
        $$"""{"Type":"User","Message":"{{message}}"}""",
        new Dictionary<string, string> { ["x-amzn-ErrorType"] = type });

    private StubResponse Answer(CapturedRequest request)
    {
        if (Fail?.Invoke(request) is { } failure)
        {
            return failure;
        }
        if (request.RawUrl.StartsWith("/2015-03-31/event-source-mappings/", StringComparison.Ordinal))
        {
            if (request.Method == "PUT")
            {
                var enabled = (bool)JsonNode.Parse(request.Body)!["Enabled"]!;
                MappingState = enabled ? "Enabling" : "Disabling";
                MappingLastModified += 60;
                return new StubResponse(202, Mapping());
            }
            return new StubResponse(200, Mapping());
        }
        var form = Form(request);
        switch (form.FirstOrDefault(p => p.Key == "Action").Value)
        {
            case "DescribeReceiptRule":
                var document = new XElement(Ses + "DescribeReceiptRuleResponse",
                    new XElement(Ses + "DescribeReceiptRuleResult", new XElement(Rule)),
                    new XElement(Ses + "ResponseMetadata", new XElement(Ses + "RequestId", "0b3c-describe")));
                return new StubResponse(200, document.ToString(SaveOptions.DisableFormatting));
            case "UpdateReceiptRule":
                var enabled = form.Single(p => p.Key == "Rule.Enabled").Value;
                Rule.Element(Ses + "Enabled")!.Value = enabled;
                return new StubResponse(200,
                    """<UpdateReceiptRuleResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><UpdateReceiptRuleResult/><ResponseMetadata><RequestId>0b3c-update</RequestId></ResponseMetadata></UpdateReceiptRuleResponse>""");
            default:
                return SesError(400, "InvalidAction", "Unknown action");
        }
    }

    private string Mapping() =>
        new JsonObject
        {
            ["UUID"] = MappingId,
            ["BatchSize"] = 10,
            ["MaximumBatchingWindowInSeconds"] = 2,
            ["EventSourceArn"] = "arn:aws:sqs:eu-west-1:333333333333:mailflow-prod-inbound",
            ["FunctionArn"] = "arn:aws:lambda:eu-west-1:333333333333:function:Mailflow-prod-Worker:live",
            ["LastModified"] = MappingLastModified,
            ["State"] = MappingState,
            ["StateTransitionReason"] = "USER_INITIATED",
            ["FunctionResponseTypes"] = new JsonArray("ReportBatchItemFailures"),
        }.ToJsonString();

    public static readonly XNamespace Ses = "http://ses.amazonaws.com/doc/2010-12-01/";

    /// <summary>A rule as a real account might hold it: more than Mailflow deploys, so that nothing is dropped unnoticed.</summary>
    public static XElement RealisticRule(bool enabled) => XElement.Parse(string.Format(CultureInfo.InvariantCulture, """
        <Rule xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
          <Name>mailflow-prod-inbound</Name>
          <Enabled>{0}</Enabled>
          <TlsPolicy>Require</TlsPolicy>
          <Recipients><member>acme.com</member><member>.mail.acme.com</member></Recipients>
          <Actions>
            <member><AddHeaderAction><HeaderName>X-Mailflow-Env</HeaderName><HeaderValue>prod &amp; blue=green</HeaderValue></AddHeaderAction></member>
            <member><S3Action><BucketName>mailflow-prod-inboundrawmail1a2b-x9y8</BucketName><ObjectKeyPrefix>raw/</ObjectKeyPrefix><TopicArn>arn:aws:sns:eu-west-1:333333333333:Mailflow-prod-InboundTopic-AbC</TopicArn><KmsKeyArn>arn:aws:kms:eu-west-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab</KmsKeyArn><IamRoleArn>arn:aws:iam::333333333333:role/ses-s3-writer</IamRoleArn></S3Action></member>
            <member><StopAction><Scope>RuleSet</Scope></StopAction></member>
          </Actions>
          <ScanEnabled>true</ScanEnabled>
        </Rule>
        """, enabled ? "true" : "false"));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
