using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Mailflow.Cdk.BuildingBlocks;
using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

/// <param name="InboundQueue">Where SES's notifications of stored mail go (AppQueues.Inbound).</param>
/// <param name="AccessLogsBucket">Receives the raw-mail bucket's server access logs (Observability).</param>
/// <param name="WorkerRole">The worker's role: it reads raw mail (and lists the bucket, so a missing key is 404, not 403).</param>
public sealed record InboundProps(
    MailflowEnvironment Environment,
    MailflowConfigFile Config,
    AppQueue InboundQueue,
    IBucket AccessLogsBucket,
    IRole WorkerRole);
