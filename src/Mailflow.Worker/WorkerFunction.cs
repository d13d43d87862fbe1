using Mailflow.Aws;
using Mailflow.Aws.DynamoDb;
using Mailflow.Aws.Queues;
using Mailflow.Aws.Ses;
using Mailflow.Aws.Storage;
using Mailflow.Core.Configuration;
using Mailflow.Core.Mail;
using Mailflow.Core.Outbound;
using Mailflow.Core.Pipeline;
using Mailflow.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace Mailflow.Worker;

/// <summary>
/// The worker's composition root: settings from the environment, the AWS adapters, the same inbound and outbound
/// pipelines <c>mailflow run</c> uses, and one batch processor per queue it consumes. Runs once per execution
/// environment (Lambda's init phase); an error here becomes a Lambda init error with the message below.
/// </summary>
public static class WorkerFunction
{
    public static Task<ILambdaHandler> InitAsync(CancellationToken cancellationToken)
    {
        MailEncodings.Register();
        var settings = DeploymentSettings.FromEnvironment(Environment.GetEnvironmentVariable);
        var aws = AwsEnvironment.FromEnvironment(Environment.GetEnvironmentVariable);
        var config = settings.Config;
        var time = TimeProvider.System;
        var loggers = FunctionLogging.Create();
        var names = new QueueNames(config.Environment);

        var s3 = aws.CreateS3();
        var dynamoDb = aws.CreateDynamoDb();
        var queues = new SqsQueueClient(aws.CreateSqs(), time);
        var attachments = new S3AttachmentStore(s3, settings.AttachmentBucket);
        var table = new DynamoDbTable(settings.Table, time);
        var retention = TimeSpan.FromDays(config.Retention.LedgerDays);
        var ledger = new DynamoDbMessageLedger(dynamoDb, table, retention);
        var threads = new DynamoDbThreadIndex(dynamoDb, table, retention);
        var idempotency = new DynamoDbIdempotencyStore(dynamoDb, table);
        var links = settings.CreateLinkSigner(time);
        var ses = new SesV2Options
        {
            Region = aws.Region,
            Endpoint = SesV2Options.EndpointFor(aws),
            ConfigurationSetName = settings.SesConfigurationSet,
            Credentials = SesCredentials.DefaultChain(),
        };
        var sender = new SesV2MailSender(new HttpClient(), ses, time, loggers.CreateLogger<SesV2MailSender>());

        var inbound = new InboundPipeline(new InboundRules(config), new S3RawMailStore(s3), attachments, queues, ledger, threads, links, time,
            loggers.CreateLogger<InboundPipeline>());
        var outbound = new OutboundPipeline(new OutboundRules(config), idempotency, threads, attachments, sender,
            new OutboundRateLimiter(config.Outbound.RateLimits, time), ledger, time, loggers.CreateLogger<OutboundPipeline>());
        var processors = new Dictionary<string, QueueBatchProcessor>(StringComparer.Ordinal)
        {
            [names.Inbound] = new(new InboundRecordHandler(inbound), queues, names.Inbound, config.Queues.MaxReceiveCount, time,
                loggers.CreateLogger<QueueBatchProcessor>()),
            [names.Outbound] = new(new OutboundRecordHandler(outbound, idempotency, ledger, time, loggers.CreateLogger<OutboundRecordHandler>()),
                queues, names.Outbound, config.Queues.MaxReceiveCount, time, loggers.CreateLogger<QueueBatchProcessor>()),
        };
        return Task.FromResult<ILambdaHandler>(new SqsBatchHandler(processors, names.Inbound, queues, loggers.CreateLogger<SqsBatchHandler>()));
    }
}
