using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Mailflow.Aws.Storage;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;
using MimeKit;

namespace Mailflow.Aws.Operations;

/// <summary>
/// The raw mail the SES receipt rule's S3 action stored as <c>raw/{SES message id}</c> (CDK Inbound), and the receipt
/// path in reverse: a replay or an injected test mail becomes the same SES notification on the inbound queue that SNS
/// would have delivered, so the worker cannot tell them from received mail.
/// </summary>
public sealed class S3MailArchive(
    IAmazonS3 s3,
    string rawBucket,
    IQueueClient queues,
    MailflowConfig config,
    IMessageLedgerReader ledger,
    TimeProvider time) : IMailArchive
{
    public const string RawPrefix = "raw/";

    /// <summary>
    /// How much of the stored mail a replay reads for SES's header block. SES prepends a few fields of well under 4 KiB;
    /// 64 KiB leaves room for long Received chains without fetching a 40 MB mail.
    /// </summary>
    public const int HeaderBytes = 64 * 1024;

    private static readonly ReceiptVerdicts s_notChecked = new(SesStoredHeaders.NotChecked, SesStoredHeaders.NotChecked,
        SesStoredHeaders.NotChecked, SesStoredHeaders.NotChecked, SesStoredHeaders.NotChecked);

    private readonly string _inboundQueue = new QueueNames(config.Environment).Inbound;

    public static string RawKey(string mailId) => RawPrefix + mailId;

    public async Task<Stream?> OpenRawAsync(string mailId, CancellationToken cancellationToken)
    {
        if (!IsMailId(mailId))
        {
            return null;
        }
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = rawBucket, Key = RawKey(mailId) }, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsNotFound(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// The verdicts come from the header block SES wrote into the stored mail (<see cref="SesStoredHeaders"/>); the
    /// envelope from the ledger's facts of the mail, else from SES's Return-Path and Received fields; the receipt time is
    /// when SES stored the object.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither the ledger nor the stored header names an envelope recipient.</exception>
    public async Task<bool> ReplayAsync(string mailId, CancellationToken cancellationToken)
    {
        if (!IsMailId(mailId))
        {
            return false;
        }
        HeaderList headers;
        DateTimeOffset storedAt;
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = rawBucket,
                Key = RawKey(mailId),
                ByteRange = new ByteRange(0, HeaderBytes - 1),
            }, cancellationToken).ConfigureAwait(false);
            storedAt = response.LastModified is { } modified ? new DateTimeOffset(DateTime.SpecifyKind(modified, DateTimeKind.Utc)) : time.GetUtcNow();
            headers = await ReadHeadersAsync(response.ResponseStream, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsNotFound(ex))
        {
            return false;
        }
        var stored = SesStoredHeaders.From(headers);
        var summary = await ledger.GetAsync(mailId, cancellationToken).ConfigureAwait(false);
        var recipients = summary?.Recipients is { Count: > 0 } recorded
            ? recorded
            : stored.Recipient is { } single ? [single] : [];
        if (recipients.Count == 0)
        {
            throw new InvalidOperationException(
                $"Mail {mailId} cannot be replayed: the ledger records no recipients for it and the stored mail does not name its envelope recipient, which routing needs.");
        }
        var mailFrom = summary?.From ?? stored.MailFrom ?? "";
        await EnqueueAsync(mailId, storedAt, mailFrom, recipients, stored.Verdicts, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes the mail as SES's S3 action would and queues its notification; no check ran, so every verdict is DISABLED.</summary>
    public async Task<string> InjectAsync(Stream mime, string mailFrom, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mime);
        ArgumentNullException.ThrowIfNull(mailFrom);
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("A test mail needs at least one envelope recipient: routing uses them.", nameof(recipients));
        }
        var receivedAt = time.GetUtcNow();
        var mailId = Guid.CreateVersion7(receivedAt).ToString("N");
        var body = mime.CanSeek ? mime : await UploadSpool.CopyAsync(mime, cancellationToken).ConfigureAwait(false);
        try
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = rawBucket,
                Key = RawKey(mailId),
                InputStream = body,
                AutoCloseStream = false,
                ContentType = "message/rfc822",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!ReferenceEquals(body, mime))
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }
        }
        await EnqueueAsync(mailId, receivedAt, mailFrom, recipients, s_notChecked, cancellationToken).ConfigureAwait(false);
        return mailId;
    }

    private Task EnqueueAsync(string mailId, DateTimeOffset receivedAt, string mailFrom, IReadOnlyList<string> recipients, ReceiptVerdicts verdicts,
        CancellationToken cancellationToken)
    {
        var notification = SesNotificationFactory.Create(mailId, receivedAt, mailFrom, recipients, new RawMailLocation(rawBucket, RawKey(mailId)), verdicts);
        notification.Receipt.Action.ObjectKeyPrefix = RawPrefix;
        var json = JsonSerializer.Serialize(notification, SesJsonContext.Default.SesReceiptNotification);
        return queues.SendAsync(_inboundQueue, new QueueMessage(json, new Dictionary<string, string>()), cancellationToken);
    }

    /// <summary>The first bytes of the object, parsed as a header block; a block cut by the range ends at its last whole line.</summary>
    private static async Task<HeaderList> ReadHeadersAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var end = bytes.IndexOf("\r\n\r\n"u8) is >= 0 and var crlf ? crlf + 4 : bytes.IndexOf("\n\n"u8) is >= 0 and var lf ? lf + 2 : bytes.LastIndexOf((byte)'\n') + 1;
        using var block = new MemoryStream(buffer.GetBuffer(), 0, end, writable: false);
        try
        {
            return HeaderList.Load(ParserOptions.Default, block, cancellationToken);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>SES message ids are letters and digits; anything with a path separator names no stored mail.</summary>
    private static bool IsMailId(string mailId) =>
        !string.IsNullOrEmpty(mailId) && mailId.Length <= 200 && !mailId.Contains('/', StringComparison.Ordinal) && !mailId.Contains("..", StringComparison.Ordinal);
}
