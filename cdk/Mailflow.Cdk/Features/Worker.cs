using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using Constructs;
using Mailflow.Cdk.BuildingBlocks;

namespace Mailflow.Cdk.Features;

/// <summary>
/// The worker function (docs/aws.md, "The worker"): consumes the inbound and outbound queues through its <c>live</c>
/// alias, so that a deployment (and a rollback) moves the alias and the event source follows it. Its permissions are
/// granted here, resource by resource.
/// </summary>
public sealed class Worker : Construct
{
    public const string AliasName = "live";
    public const int MemorySizeMb = 1024;

    /// <summary>Inbound mail fans out freely; ten environments keep up with bursts without starving other functions.</summary>
    public const int InboundMaxConcurrency = 10;

    /// <summary>
    /// The outbound rate limiter's token buckets live in each execution environment (docs/aws.md), so N concurrent
    /// environments send up to N times the configured rate. 2 is the smallest maximum concurrency SQS event sources
    /// accept (<see href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html">maximum concurrency</see>).
    /// </summary>
    public const int OutboundMaxConcurrency = 2;

    public MailflowFunction Function { get; }
    public Alias Alias { get; }

    /// <summary>
    /// The inbound queue's event source mapping: rollback path (b) disables it. The API's pause/resume toggles it by
    /// its UUID (MAILFLOW_INBOUND_MAPPING_ID) and may do so on its ARN only.
    /// </summary>
    public SqsEventSource InboundEventSource { get; }

    /// <summary>Errors and throttles of the live alias: they notify, and (later) roll a canary deployment back.</summary>
    public IReadOnlyList<Alarm> Alarms { get; }

    public Alarm ErrorsAlarm { get; }
    public Alarm ThrottlesAlarm { get; }

    public Worker(Construct scope, string id, WorkerProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var environment = props.Environment;
        var state = props.State;
        Function = new MailflowFunction(this, "Worker", new MailflowFunctionProps(
            $"Mailflow {environment.Name} worker: inbound and outbound queues",
            props.BundlePath,
            MemorySizeMb,
            WorkerTiming.Timeout,
            new Dictionary<string, string>
            {
                ["MAILFLOW_CONFIG"] = props.Config.Json,
                ["MAILFLOW_ENV"] = environment.Name,
                ["MAILFLOW_ATTACHMENT_BUCKET"] = state.AttachmentsBucket.BucketName,
                ["MAILFLOW_TABLE"] = state.Table.TableName,
                ["MAILFLOW_API_URL"] = props.ApiUrl,
                // A dynamic reference: CloudFormation resolves it at deploy time, the template holds no key
                // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html).
                ["MAILFLOW_LINK_SIGNING_KEY"] = state.LinkSigningKey.SecretValue.UnsafeUnwrap(),
            },
            LogRetention.FromDays(environment.LogRetentionDays),
            environment.StatefulRemovalPolicy));
        Alias = new Alias(this, "Live", new AliasProps { AliasName = AliasName, Version = Function.Function.CurrentVersion });

        InboundEventSource = Consume(props.Queues.Inbound, InboundMaxConcurrency, environment.WorkerPaused);
        _ = Consume(props.Queues.Outbound, OutboundMaxConcurrency, environment.WorkerPaused);
        Grant(props);
        ErrorsAlarm = AliasAlarm("Errors", Alias.MetricErrors(OneMinuteSum), "invocations failed: read the worker's log group");
        ThrottlesAlarm = AliasAlarm("Throttles", Alias.MetricThrottles(OneMinuteSum), "invocations were throttled: check the account's concurrency");
        Alarms = [ErrorsAlarm, ThrottlesAlarm];
        foreach (var alarm in Alarms)
        {
            alarm.AddAlarmAction(new SnsAction(props.Observability.AlarmTopic));
            alarm.AddOkAction(new SnsAction(props.Observability.AlarmTopic));
        }
    }

    private static MetricOptions OneMinuteSum => new() { Period = Duration.Minutes(1), Statistic = "Sum" };

    // Any failed invocation is worth a look: records are retried and then dead-lettered, so errors are never routine.
    private Alarm AliasAlarm(string id, IMetric metric, string what) =>
        new(this, id, new AlarmProps
        {
            AlarmDescription = $"Mailflow worker ({AliasName}): {what}.",
            Metric = metric,
            Threshold = 0,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

    private SqsEventSource Consume(AppQueue queue, int maxConcurrency, bool paused)
    {
        var source = new SqsEventSource(queue.Queue, new SqsEventSourceProps
        {
            BatchSize = WorkerTiming.BatchSize,
            MaxBatchingWindow = WorkerTiming.BatchingWindow,
            MaxConcurrency = maxConcurrency,
            // The worker answers with batchItemFailures; without this the answer is ignored and one bad record
            // re-runs the whole batch (LESSONS.md).
            ReportBatchItemFailures = true,
            // Rollback path (b): a paused worker leaves mail waiting in the queue (DESIGN.md §3).
            Enabled = !paused,
        });
        // On the alias, not the function: the mapping then invokes whatever version the alias points to.
        Alias.AddEventSource(source);
        return source;
    }

    private void Grant(WorkerProps props)
    {
        var role = Function.Role;
        var queues = props.Queues;
        // Mailflow dead-letters a permanent failure itself, with diagnostics attributes, into the source queue's DLQ.
        queues.Inbound.DeadLetterQueue.GrantSendMessages(role);
        queues.Outbound.DeadLetterQueue.GrantSendMessages(role);
        queues.Quarantine.Queue.GrantSendMessages(role);
        foreach (var app in queues.Apps.Values)
        {
            app.Queue.GrantSendMessages(role);
        }
        props.State.Table.GrantReadWriteData(role);
        props.State.AttachmentsBucket.GrantReadWrite(role);
        Nag.Suppress(role.Node.FindChild("DefaultPolicy"),
            new NagSuppression("AwsSolutions-IAM5",
                "CDK's Bucket.GrantReadWrite actions, on the attachments bucket and its objects only: the worker stores attachments and claim checks under keys it derives and reads them back for outbound mail.",
                "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*", "Action::s3:DeleteObject*", "Action::s3:Abort*",
                $"Resource::<{LogicalId(props.State.AttachmentsBucket)}.Arn>/*"),
            new NagSuppression("AwsSolutions-IAM5",
                "CDK's Table.GrantReadWriteData covers the table's global secondary indexes (gsi1: ledger search and audit) as {table}/index/*; the worker writes the ledger items those indexes project and reads the table by key.",
                $"Resource::<{LogicalId(props.State.Table)}.Arn>/index/*"));
        // SES v2 SendEmail authorizes against the sending identity; only the configured domains
        // (https://docs.aws.amazon.com/ses/latest/dg/sending-authorization-policies.html).
        var stack = Stack.Of(this);
        var identities = props.Config.Domains
            .Concat(props.Config.Apps.SelectMany(a => a.Addresses).Select(DomainOf).OfType<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(domain => stack.FormatArn(new ArnComponents { Service = "ses", Resource = "identity", ResourceName = domain, ArnFormat = ArnFormat.SLASH_RESOURCE_NAME }))
            .ToArray();
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ses:SendEmail", "ses:SendRawEmail"],
            Resources = identities,
        }));
    }

    // An app's extra address is a pattern (invoices-*@acme.com); its domain part is the identity it sends as.
    private static string? DomainOf(string address) =>
        address.LastIndexOf('@') is var at and >= 0 && !address[(at + 1)..].Contains('*', StringComparison.Ordinal) ? address[(at + 1)..] : null;

    private static string LogicalId(Constructs.IConstruct construct) =>
        Stack.Of(construct).GetLogicalId((CfnElement)construct.Node.DefaultChild!);
}
