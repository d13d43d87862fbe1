using Mailflow.Aws.DynamoDb;
using Mailflow.Aws.Queues;
using Mailflow.Aws.Storage;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>The API function's <see cref="OperationsBackends"/> (host <c>aws</c>): DynamoDB, SQS and S3 from the deployment's settings.</summary>
public static class AwsOperations
{
    public const string Host = "aws";

    /// <param name="ledgerReader">The ledger's read side (DynamoDB).</param>
    /// <param name="inbound">The rollback switches (the worker's event source mapping and the receipt rule).</param>
    /// <exception cref="InvalidOperationException"><see cref="DeploymentSettings.RawBucketVariable"/> is not set.</exception>
    public static OperationsBackends Create(DeploymentSettings settings, AwsEnvironment aws, TimeProvider time, IMessageLedgerReader ledgerReader,
        IInboundControl inbound)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(aws);
        var rawBucket = settings.RawBucket ?? throw new InvalidOperationException(
            $"{DeploymentSettings.RawBucketVariable} is not set: the API reads raw mail from the bucket SES stores it in, for raw downloads, replays and test mail.");
        var config = settings.Config;
        var s3 = aws.CreateS3();
        var sqs = aws.CreateSqs();
        var dynamoDb = aws.CreateDynamoDb();
        var table = new DynamoDbTable(settings.Table, time);
        var queues = new SqsQueueClient(sqs, time);
        var attachments = new S3AttachmentStore(s3, settings.AttachmentBucket);

        IReadOnlyList<IDependencyCheck> checks =
        [
            new DynamoDbTableCheck(dynamoDb, table),
            new S3BucketCheck(s3, "raw-mail", rawBucket, S3MailArchive.RawPrefix),
            new S3BucketCheck(s3, "attachments", settings.AttachmentBucket, "attachments/"),
            .. QueueNames.All(config).Select(queue => new SqsQueueCheck(sqs, queue)),
        ];
        return new OperationsBackends(
            Host,
            config,
            new DynamoDbMessageLedger(dynamoDb, table, TimeSpan.FromDays(config.Retention.LedgerDays)),
            ledgerReader,
            new SqsQueueAdministration(sqs, config, ledgerReader, time),
            queues,
            inbound,
            new S3MailArchive(s3, rawBucket, queues, config, ledgerReader, time),
            new S3AttachmentDownloads(s3, attachments),
            settings.CreateLinkSigner(time),
            checks,
            time);
    }
}
