using Mailflow.Core.Configuration;
using Mailflow.Core.Links;
using Mailflow.Core.Ports;

namespace Mailflow.Core.Operations;

/// <summary>
/// Everything the API works on, supplied by the host: SQLite, files and the state file under <c>mailflow run</c>;
/// DynamoDB, SQS, S3, Lambda and SES on AWS. <paramref name="Host"/> is <c>local</c> or <c>aws</c>.
/// </summary>
public sealed record OperationsBackends(
    string Host,
    MailflowConfig Config,
    IMessageLedger Ledger,
    IMessageLedgerReader LedgerReader,
    IQueueAdministration Queues,
    IQueueClient QueueClient,
    IInboundControl Inbound,
    IMailArchive Archive,
    IAttachmentDownloads Downloads,
    AttachmentLinkSigner Links,
    IReadOnlyList<IDependencyCheck> DependencyChecks,
    TimeProvider Time);
