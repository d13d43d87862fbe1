using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

public sealed record StateProps(MailflowEnvironment Environment, MailflowConfigFile Config, Amazon.CDK.AWS.S3.IBucket AccessLogsBucket);
