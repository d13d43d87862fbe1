using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SES;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using Mailflow.Cdk.BuildingBlocks;

namespace Mailflow.Cdk.Features;

/// <summary>
/// Mail in (DESIGN.md §1): an SES receipt rule set <c>mailflow-{env}</c> with one rule for the configured domains that
/// scans the mail, stores it under <c>raw/</c> in the raw-mail bucket and notifies an encrypted SNS topic, which
/// delivers the notification raw to the inbound queue. A guarded custom resource makes the rule set the active one
/// (<see cref="ReceiptRuleSetActivation"/>). What SES cannot deploy stops synth with an error.
/// </summary>
public sealed class Inbound : Construct
{
    public const string RawPrefix = "raw/";

    /// <summary>SES: at most 100 recipients per receipt rule (https://docs.aws.amazon.com/ses/latest/dg/quotas.html).</summary>
    public const int MaxRecipientsPerRule = 100;

    /// <summary>SES: at most 10 actions per receipt rule (https://docs.aws.amazon.com/ses/latest/dg/quotas.html).</summary>
    public const int MaxActionsPerRule = 10;

    /// <summary>SES: at most 200 rules per receipt rule set (https://docs.aws.amazon.com/ses/latest/dg/quotas.html).</summary>
    public const int MaxRulesPerRuleSet = 200;

    /// <summary>
    /// Regions where SES receives email (the "Email receiving" endpoints of
    /// https://docs.aws.amazon.com/general/latest/gr/ses.html). Check that table before adding a region here.
    /// </summary>
    public static readonly IReadOnlySet<string> ReceivingRegions = new HashSet<string>(StringComparer.Ordinal)
    {
        "us-east-1", "us-east-2", "us-west-2", "ca-central-1",
        "eu-west-1", "eu-west-2", "eu-central-1",
        "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1",
    };

    /// <summary>The activation function's only SES actions; neither supports resource-level permissions.</summary>
    public static readonly string[] ReceiptRuleSetActions = ["ses:DescribeActiveReceiptRuleSet", "ses:SetActiveReceiptRuleSet"];

    public Bucket RawMailBucket { get; }
    public Topic Topic { get; }
    public Key TopicKey { get; }
    public CfnReceiptRuleSet RuleSet { get; }
    public CfnReceiptRule Rule { get; }
    public CustomResource Activation { get; }
    public string RuleSetName { get; }
    public string RuleName { get; }

    /// <exception cref="InvalidOperationException">SES cannot receive this environment's mail as configured; every problem is named.</exception>
    public Inbound(Construct scope, string id, InboundProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var environment = props.Environment;
        var stack = Stack.Of(this);
        RuleSetName = $"mailflow-{environment.Name}";
        RuleName = $"mailflow-{environment.Name}-inbound";
        var recipients = props.Config.Domains.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        RawMailBucket = new Bucket(this, "RawMail", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            Versioned = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            ServerAccessLogsBucket = props.AccessLogsBucket,
            ServerAccessLogsPrefix = "raw-mail/",
            RemovalPolicy = environment.StatefulRemovalPolicy,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Prefix = RawPrefix,
                    Expiration = Duration.Days(props.Config.Retention.RawMailDays),
                    NoncurrentVersionExpiration = Duration.Days(props.Config.Retention.RawMailDays),
                    AbortIncompleteMultipartUploadAfter = Duration.Days(1),
                },
            ],
        });

        // The rule's ARN is known from its names, so the policies can name it without a reference cycle.
        var ruleArn = stack.FormatArn(new ArnComponents
        {
            Service = "ses",
            Resource = "receipt-rule-set",
            ResourceName = $"{RuleSetName}:receipt-rule/{RuleName}",
            ArnFormat = ArnFormat.SLASH_RESOURCE_NAME,
        });
        var ses = new ServicePrincipal("ses.amazonaws.com");
        var fromThisRule = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = environment.Account, ["aws:SourceArn"] = ruleArn },
        };
        // https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html
        RawMailBucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowSESPuts",
            Principals = [ses],
            Actions = ["s3:PutObject"],
            Resources = [RawMailBucket.ArnForObjects(RawPrefix + "*")],
            Conditions = fromThisRule,
        }));

        // SES publishes to an encrypted topic only with a customer managed key it may use.
        TopicKey = new Key(this, "TopicKey", new KeyProps
        {
            Description = $"Encrypts the Mailflow {environment.Name} inbound topic; SES may use it to publish.",
            EnableKeyRotation = true,
            RemovalPolicy = environment.StatefulRemovalPolicy,
        });
        // In a key policy "*" means this key.
        TopicKey.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [ses],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = environment.Account } },
        }));
        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = $"Mailflow {environment.Name} inbound mail",
            MasterKey = TopicKey,
            EnforceSSL = true,
        });
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [ses],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = fromThisRule,
        }));
        // Adds the queue policy that lets this topic send to the inbound queue.
        Topic.AddSubscription(new SqsSubscription(props.InboundQueue.Queue, new SqsSubscriptionProps { RawMessageDelivery = true }));

        var actions = new object[]
        {
            new CfnReceiptRule.ActionProperty
            {
                S3Action = new CfnReceiptRule.S3ActionProperty
                {
                    BucketName = RawMailBucket.BucketName,
                    ObjectKeyPrefix = RawPrefix,
                    TopicArn = Topic.TopicArn,
                },
            },
        };
        Validate(environment.Region, recipients.Length, actions.Length);

        RuleSet = new CfnReceiptRuleSet(this, "RuleSet", new CfnReceiptRuleSetProps { RuleSetName = RuleSetName });
        Rule = new CfnReceiptRule(this, "Rule", new CfnReceiptRuleProps
        {
            RuleSetName = RuleSet.Ref,
            Rule = new CfnReceiptRule.RuleProperty
            {
                Name = RuleName,
                Enabled = environment.InboundEnabled,
                Recipients = recipients,
                ScanEnabled = true,
                TlsPolicy = environment.RequireTls ? "Require" : "Optional",
                Actions = actions,
            },
        });
        // SES checks its permissions when the rule is created: the policies must exist first.
        Rule.Node.AddDependency(RawMailBucket, Topic, TopicKey);

        Activation = Activate(environment);
        Activation.Node.AddDependency(Rule);

        props.WorkerRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject"],
            Resources = [RawMailBucket.ArnForObjects(RawPrefix + "*")],
        }));
        // Without ListBucket a missing key answers 403, not 404 (docs/aws.md).
        props.WorkerRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [RawMailBucket.BucketArn],
        }));
        Nag.Suppress(props.WorkerRole.Node.FindChild("DefaultPolicy"), new NagSuppression("AwsSolutions-IAM5",
            "The worker reads raw mail SES stored under keys SES chooses (raw/{message id}); s3:GetObject on the raw-mail bucket's raw/ prefix only.",
            $"Resource::<{stack.GetLogicalId((CfnElement)RawMailBucket.Node.DefaultChild!)}.Arn>/raw/*"));

        _ = new CfnOutput(this, "RuleSetName", new CfnOutputProps
        {
            Description = "The SES receipt rule set of this environment",
            Value = RuleSet.Ref,
        });
    }

    /// <summary>Every reason SES cannot deploy the rule, or none.</summary>
    public static IReadOnlyList<string> Problems(string region, int recipients, int actions, int rules = 1)
    {
        var problems = new List<string>();
        if (rules > MaxRulesPerRuleSet)
        {
            problems.Add($"the receipt rule set has {rules} rules; SES allows at most {MaxRulesPerRuleSet}.");
        }
        if (!ReceivingRegions.Contains(region))
        {
            problems.Add($"SES does not receive email in {region}; deploy the environment to one of {string.Join(", ", ReceivingRegions.Order(StringComparer.Ordinal))}.");
        }
        if (recipients > MaxRecipientsPerRule)
        {
            problems.Add($"mailflow.json lists {recipients} domains; an SES receipt rule takes at most {MaxRecipientsPerRule} recipients.");
        }
        if (actions > MaxActionsPerRule)
        {
            problems.Add($"the receipt rule has {actions} actions; SES allows at most {MaxActionsPerRule}.");
        }
        return problems;
    }

    private void Validate(string region, int recipients, int actions)
    {
        var problems = Problems(region, recipients, actions);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{Node.Path}: SES cannot receive mail as configured:\n" + string.Join('\n', problems.Select(p => "  " + p)));
        }
    }

    private CustomResource Activate(Settings.MailflowEnvironment environment)
    {
        // Like MailflowFunction: its own masked log group and a role that writes only there (no AWSLambdaBasicExecutionRole).
        var description = $"Activates the SES receipt rule set {RuleSetName} unless another rule set is active (takeOverActiveRuleSet).";
        var logs = MaskedLogGroup.Create(this, "ActivateRuleSetLogs", LogRetention.FromDays(environment.LogRetentionDays),
            environment.StatefulRemovalPolicy, $"PII masking for {description}");
        var role = new Role(this, "ActivateRuleSetRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"{description}: writes its own log group, reads and sets the active receipt rule set.",
        });
        logs.GrantWrite(role);
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ReceiptRuleSetActions,
            Resources = ["*"],
        }));
        Nag.Suppress(role.Node.FindChild("DefaultPolicy"), new NagSuppression("AwsSolutions-IAM5",
            "ses:DescribeActiveReceiptRuleSet and ses:SetActiveReceiptRuleSet do not support resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservice.html), so their resource must be *.",
            "Resource::*"));
        var function = new Function(this, "ActivateRuleSet", new FunctionProps
        {
            Description = description,
            // Node.js 22 (Lambda since November 2024), which Amazon.CDK.Lib 2.160 does not name yet; it ships the AWS SDK v3.
            Runtime = new Runtime("nodejs22.x", RuntimeFamily.NODEJS, new LambdaRuntimeProps { SupportsInlineCode = true }),
            Architecture = Architecture.ARM_64,
            Handler = "index.handler",
            Code = Code.FromInline(ReceiptRuleSetActivation.Code),
            Timeout = Duration.Seconds(30),
            LogGroup = logs,
            Role = role,
        });
        return new CustomResource(this, "Activation", new CustomResourceProps
        {
            ServiceToken = function.FunctionArn,
            ResourceType = ReceiptRuleSetActivation.ResourceType,
            Properties = new Dictionary<string, object>
            {
                ["RuleSetName"] = RuleSet.Ref,
                ["TakeOverActiveRuleSet"] = environment.TakeOverActiveRuleSet ? "true" : "false",
            },
        });
    }
}
