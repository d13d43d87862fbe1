using Amazon.CDK.AWS.SNS;
using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

public sealed record AppQueuesProps(MailflowEnvironment Environment, MailflowConfigFile Config, ITopic AlarmTopic);
