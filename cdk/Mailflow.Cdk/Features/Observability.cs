using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using Mailflow.Cdk.BuildingBlocks;

namespace Mailflow.Cdk.Features;

/// <summary>
/// Where problems go: the alarm topic (every alarm notifies it; it mails the environment's alarm address) and the
/// bucket that receives S3 server access logs of Mailflow's buckets. Log groups get their PII masking from
/// <see cref="MaskedLogGroup"/>.
/// </summary>
public sealed class Observability : Construct
{
    public Topic AlarmTopic { get; }
    public Key AlarmTopicKey { get; }
    public Bucket AccessLogsBucket { get; }

    public Observability(Construct scope, string id, ObservabilityProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var environment = props.Environment;
        // CloudWatch cannot publish to a topic encrypted with the AWS managed key aws/sns: it needs a customer managed
        // key whose policy lets cloudwatch.amazonaws.com use it
        // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
        AlarmTopicKey = new Key(this, "AlarmTopicKey", new KeyProps
        {
            Description = $"Encrypts the Mailflow {environment.Name} alarm topic; CloudWatch alarms may use it to publish.",
            EnableKeyRotation = true,
            RemovalPolicy = environment.StatefulRemovalPolicy,
        });
        var cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
        var sameAccount = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = environment.Account } };
        // In a key policy "*" means this key (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html).
        AlarmTopicKey.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [cloudWatch],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"],
            Conditions = sameAccount,
        }));
        AlarmTopic = new Topic(this, "AlarmTopic", new TopicProps
        {
            DisplayName = $"Mailflow {environment.Name} alarms",
            MasterKey = AlarmTopicKey,
            EnforceSSL = true,
        });
        AlarmTopic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [cloudWatch],
            Actions = ["sns:Publish"],
            Resources = [AlarmTopic.TopicArn],
            Conditions = sameAccount,
        }));
        AlarmTopic.AddSubscription(new EmailSubscription(environment.AlarmEmail));

        AccessLogsBucket = new Bucket(this, "AccessLogs", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            // CloudFront standard logs (the dashboard's distribution) are delivered with an ACL grant: CloudFront
            // refuses a log bucket whose ACLs are disabled (BUCKET_OWNER_ENFORCED). Objects still end up owned by
            // this account (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html).
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_PREFERRED,
            RemovalPolicy = environment.StatefulRemovalPolicy,
            LifecycleRules = [new LifecycleRule { Expiration = Duration.Days(90) }],
        });
        Nag.Suppress(AccessLogsBucket, new NagSuppression("AwsSolutions-S1",
            "This is the access-log bucket itself; logging it into another bucket would only move the question one bucket further."));
    }
}
