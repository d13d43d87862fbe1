using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using Mailflow.Cdk.BuildingBlocks;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;
using LogRetention = Mailflow.Cdk.BuildingBlocks.LogRetention;

namespace Mailflow.Cdk.Features;

/// <summary>
/// The API function (docs/aws.md, "The API function") behind an API Gateway HTTP API (payload format 2.0). The HTTP
/// API invokes the function's <c>live</c> alias, so a canary deployment (and its rollback) moves API traffic too.
/// Every route needs a JWT of the configured issuer and audience, except <c>GET /api/health</c>, the OpenAPI document
/// <c>GET /api/openapi.json</c> and <c>GET /api/attachments/{id}</c>, whose HMAC link token is its own authorization.
/// </summary>
public sealed class Api : Construct
{
    public const string AliasName = "live";
    public const int MemorySizeMb = 512;

    /// <summary>Stage-wide default route throttling: steady requests per second and the burst above it.</summary>
    public const int ThrottlingRateLimit = 50;
    public const int ThrottlingBurstLimit = 100;

    /// <summary>Routes that do not need a JWT: the health check and the HMAC-signed attachment link.</summary>
    public static readonly IReadOnlyList<string> PublicRoutes = ["GET /api/health", "GET /api/attachments/{id}", "GET /api/openapi.json"];

    public MailflowFunction Function { get; }
    public Alias Alias { get; }
    public HttpApi HttpApi { get; }
    public LogGroup AccessLogs { get; }

    /// <summary>The API's base URL (<c>https://{id}.execute-api.{region}.amazonaws.com</c>, no trailing slash): MAILFLOW_API_URL.</summary>
    public string Url { get; }

    /// <summary>Server errors (5xx) of the API: they notify, and roll a canary deployment of the API back.</summary>
    public IReadOnlyList<Alarm> Alarms { get; }

    public Alarm ServerErrorsAlarm { get; }

    public Api(Construct scope, string id, ApiProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var environment = props.Environment;
        var state = props.State;
        var dashboardOrigin = environment.DashboardOrigin;

        HttpApi = new HttpApi(this, "HttpApi", new HttpApiProps
        {
            ApiName = $"mailflow-{environment.Name}-api",
            Description = $"Mailflow {environment.Name} API",
            // Only the dashboard calls the API from a browser (LESSONS.md: CORS allows the dashboard origin only).
            CorsPreflight = new CorsPreflightOptions
            {
                AllowOrigins = [dashboardOrigin],
                AllowMethods = [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
                AllowHeaders = ["authorization", "content-type"],
                AllowCredentials = false,
                MaxAge = Duration.Hours(1),
            },
            // LESSONS.md: the authorizer checks the issuer and the audience, not just the signature.
            DefaultAuthorizer = new HttpJwtAuthorizer("Jwt", environment.JwtIssuer, new HttpJwtAuthorizerProps
            {
                AuthorizerName = "mailflow-jwt",
                JwtAudience = [environment.JwtAudience],
                IdentitySource = ["$request.header.Authorization"],
            }),
        });
        // The endpoint is an attribute of the AWS::ApiGatewayV2::Api resource, which depends on nothing of the
        // function, so both functions may carry it in their environment without a dependency cycle.
        Url = HttpApi.ApiEndpoint;

        Function = new MailflowFunction(this, "Api", new MailflowFunctionProps(
            $"Mailflow {environment.Name} API: health and attachment links",
            props.BundlePath,
            MemorySizeMb,
            Duration.Seconds(10),
            new Dictionary<string, string>
            {
                ["MAILFLOW_CONFIG"] = props.Config.Json,
                ["MAILFLOW_ENV"] = environment.Name,
                ["MAILFLOW_ATTACHMENT_BUCKET"] = state.AttachmentsBucket.BucketName,
                ["MAILFLOW_TABLE"] = state.Table.TableName,
                ["MAILFLOW_API_URL"] = Url,
                ["MAILFLOW_LINK_SIGNING_KEY"] = state.LinkSigningKey.SecretValue.UnsafeUnwrap(),
                // The function validates tokens itself too (issue 7), against the same issuer and audience as the authorizer.
                ["MAILFLOW_JWT_ISSUER"] = environment.JwtIssuer,
                ["MAILFLOW_JWT_AUDIENCE"] = environment.JwtAudience,
                ["MAILFLOW_JWKS_URL"] = environment.JwksUrl,
                // The origin API Gateway's CORS allows; the CloudFront URL cannot be named here without a cycle (the
                // distribution's CSP names the API), and two different origins in two CORS layers would disagree.
                ["MAILFLOW_DASHBOARD_ORIGIN"] = dashboardOrigin,
            },
            LogRetention.FromDays(environment.LogRetentionDays),
            environment.StatefulRemovalPolicy));
        if (environment.JwtRolesClaim is { } rolesClaim)
        {
            // Only when cdk.json names it: otherwise api.rolesClaim in MAILFLOW_CONFIG applies (default roles).
            Function.Function.AddEnvironment("MAILFLOW_JWT_ROLES_CLAIM", rolesClaim);
        }
        Alias = new Alias(this, "Live", new AliasProps { AliasName = AliasName, Version = Function.Function.CurrentVersion });

        var integration = new HttpLambdaIntegration("Live", Alias, new HttpLambdaIntegrationProps
        {
            PayloadFormatVersion = PayloadFormatVersion.VERSION_2_0,
        });
        HttpApi.AddRoutes(new AddRoutesOptions { Path = "/api/health", Methods = [HttpMethod.GET], Integration = integration, Authorizer = new HttpNoneAuthorizer() });
        HttpApi.AddRoutes(new AddRoutesOptions { Path = "/api/attachments/{id}", Methods = [HttpMethod.GET], Integration = integration, Authorizer = new HttpNoneAuthorizer() });
        HttpApi.AddRoutes(new AddRoutesOptions { Path = "/api/openapi.json", Methods = [HttpMethod.GET], Integration = integration, Authorizer = new HttpNoneAuthorizer() });
        // Everything else under /api needs a JWT here, and the function checks it again, roles included (docs/api.md).
        HttpApi.AddRoutes(new AddRoutesOptions { Path = "/api/{proxy+}", Methods = [HttpMethod.ANY], Integration = integration });
        foreach (var route in HttpApi.Node.FindAll().OfType<CfnRoute>().Where(r => r.AuthorizationType == "NONE"))
        {
            Nag.Suppress(route, new NagSuppression("AwsSolutions-APIG4",
                "GET /api/health is a public health check returning no data; GET /api/openapi.json describes the API and returns no data; GET /api/attachments/{id} is authorized by its HMAC link token (expiry and signature checked by the function), since mail recipients have no JWT."));
        }

        AccessLogs = MaskedLogGroup.Create(this, "AccessLogs", LogRetention.FromDays(environment.LogRetentionDays),
            environment.StatefulRemovalPolicy, $"PII masking for the Mailflow {environment.Name} API access logs");
        var stage = (CfnStage)HttpApi.DefaultStage!.Node.DefaultChild!;
        stage.AccessLogSettings = new CfnStage.AccessLogSettingsProperty
        {
            DestinationArn = AccessLogs.LogGroupArn,
            Format = AccessLogFormat,
        };
        stage.DefaultRouteSettings = new CfnStage.RouteSettingsProperty
        {
            ThrottlingRateLimit = ThrottlingRateLimit,
            ThrottlingBurstLimit = ThrottlingBurstLimit,
        };

        Grant(props);

        ServerErrorsAlarm = new Alarm(this, "ServerErrors", new AlarmProps
        {
            AlarmDescription = $"Mailflow {environment.Name} API: requests answered 5xx; read the API function's log group and the access logs.",
            Metric = HttpApi.MetricServerError(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Sum" }),
            Threshold = 0,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        Alarms = [ServerErrorsAlarm];
        foreach (var alarm in Alarms)
        {
            alarm.AddAlarmAction(new SnsAction(props.Observability.AlarmTopic));
            alarm.AddOkAction(new SnsAction(props.Observability.AlarmTopic));
        }

        _ = new CfnOutput(this, "Url", new CfnOutputProps { Value = Url, Description = "The API's base URL (MAILFLOW_API_URL)." });
    }

    /// <summary>One JSON object per request; the source IP is masked by the log group's data protection policy.</summary>
    public const string AccessLogFormat =
        """{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage","authorizerError":"$context.authorizer.error"}""";

    private void Grant(ApiProps props)
    {
        var role = Function.Role;
        var bucket = props.State.AttachmentsBucket;
        // The API presigns GET URLs for attachments; a presigned URL carries the signer's permission, so it needs GetObject only.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject"],
            Resources = [bucket.ArnForObjects("*")],
        }));
        // The ledger: search, timelines and counters (GetItem, BatchGetItem, Query, also on the indexes, including any
        // index added later) and the audit entries and counters it writes (PutItem, UpdateItem). Nothing deletes or scans.
        var table = props.State.Table;
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = LedgerActions,
            Resources = [table.TableArn, table.TableArn + "/index/*"],
        }));
        Nag.Suppress(role.Node.FindChild("DefaultPolicy"),
            new NagSuppression("AwsSolutions-IAM5",
                "s3:GetObject on the attachments bucket's objects only: attachment keys are derived per message, so no fixed key list exists.",
                $"Resource::<{LogicalId(bucket)}.Arn>/*"),
            new NagSuppression("AwsSolutions-IAM5",
                "The ledger table's indexes, whichever exist: queries by app, status or time go through global secondary indexes, and an index added later must not need an IAM change.",
                $"Resource::<{LogicalId(table)}.Arn>/index/*"));
    }

    /// <summary>The DynamoDB actions of the API function on the table and its indexes.</summary>
    public static readonly string[] LedgerActions = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"];

    /// <summary>The SES receipt-rule actions of disable/enable; they support no resource-level permissions.</summary>
    public static readonly string[] ReceiptRuleActions = ["ses:DescribeReceiptRule", "ses:UpdateReceiptRule"];

    /// <summary>
    /// What the operator endpoints need once the worker and the inbound path exist: the rollback switches' targets
    /// (MAILFLOW_INBOUND_MAPPING_ID, MAILFLOW_RECEIPT_RULE_SET, MAILFLOW_RECEIPT_RULE) and the raw-mail bucket
    /// (MAILFLOW_RAW_BUCKET) in the environment, and least-privilege permissions for each endpoint.
    /// </summary>
    public void ConnectOperations(ApiOperationsProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var function = Function;
        var role = Function.Role;
        var mapping = props.Worker.InboundEventSource;
        var inbound = props.Inbound;
        function.AddEnvironment("MAILFLOW_INBOUND_MAPPING_ID", mapping.EventSourceMappingId);
        function.AddEnvironment("MAILFLOW_RECEIPT_RULE_SET", inbound.RuleSetName);
        function.AddEnvironment("MAILFLOW_RECEIPT_RULE", inbound.RuleName);
        function.AddEnvironment("MAILFLOW_RAW_BUCKET", inbound.RawMailBucket.BucketName);

        // Pause/resume: GetEventSourceMapping and UpdateEventSourceMapping on the inbound mapping alone
        // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html, resource type eventSourceMapping).
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["lambda:GetEventSourceMapping", "lambda:UpdateEventSourceMapping"],
            Resources = [mapping.EventSourceMappingArn],
        }));
        // Disable/enable: DescribeReceiptRule and UpdateReceiptRule have no resource types, so Resource must be *.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ReceiptRuleActions,
            Resources = ["*"],
        }));

        var queues = props.Queues.All.ToList();
        var sources = queues.Select(q => q.Queue.QueueArn).ToArray();
        var deadLetters = queues.Select(q => q.DeadLetterQueue.QueueArn).ToArray();
        // Depths and URLs of every queue; purge (admin) of any of them.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:PurgeQueue"],
            Resources = [.. sources, .. deadLetters],
        }));
        // Browsing dead letters (ReceiveMessage with a zero visibility timeout) and redrive, whose move task needs
        // ReceiveMessage, DeleteMessage and GetQueueAttributes on the DLQ and SendMessage on the queue it moves to
        // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-permissions-reference.html).
        // Other queues are browsed from the ledger, never received from.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks"],
            Resources = deadLetters,
        }));
        // Redrive destinations (every DLQ's source), replay and test mails (inbound), test envelopes (outbound).
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sqs:SendMessage"],
            Resources = sources,
        }));

        // Raw download and replay read what SES stored under raw/; a test inbound mail is written there as SES would.
        var raw = inbound.RawMailBucket;
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject", "s3:PutObject"],
            Resources = [raw.ArnForObjects(Inbound.RawPrefix + "*")],
        }));
        // Without ListBucket a missing key answers 403, not 404 (HeadObject, GetObject), so "no longer stored" could not be
        // told from "denied": an expired attachment link would be a 500, not a 404. The deep health check lists both buckets.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [raw.BucketArn, props.State.AttachmentsBucket.BucketArn],
        }));
        Nag.Suppress(role.Node.FindChild("DefaultPolicy"),
            new NagSuppression("AwsSolutions-IAM5",
                "ses:DescribeReceiptRule and ses:UpdateReceiptRule do not support resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonses.html), so their resource must be *; the function changes only the rule named in MAILFLOW_RECEIPT_RULE.",
                "Resource::*"),
            new NagSuppression("AwsSolutions-IAM5",
                "Raw mail under raw/ only: SES chooses the keys (raw/{message id}), and test mails are written under the same prefix as SES would.",
                $"Resource::<{LogicalId(raw)}.Arn>/raw/*"));
    }

    private static string LogicalId(IConstruct construct) =>
        Stack.Of(construct).GetLogicalId((CfnElement)construct.Node.DefaultChild!);
}
