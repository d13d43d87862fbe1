using System.Security.Cryptography;
using Mailflow.Core.Configuration;
using Mailflow.Core.InMemory;
using Mailflow.Core.Links;
using Mailflow.Core.Mail;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// "What would happen" to a mail: the real <see cref="InboundPipeline"/> over in-memory stores, queues, ledger and
/// thread index of this previewer's own, so that a preview stores, queues and records nothing anywhere else.
/// <c>mailflow parse</c> prints its results and <c>POST /api/routes/preview</c> answers them. A previewer remembers,
/// in memory and for its own life only, what it previewed: a reply previewed after its original joins its thread,
/// as in one <c>mailflow parse</c> run over several files.
/// </summary>
public sealed class InboundPreviewer
{
    private const string Bucket = "mailflow-preview";

    private readonly ReceiptVerdicts _verdicts;
    private readonly TimeProvider _time;
    private readonly InMemoryRawMailStore _rawMail = new();
    private readonly InboundPipeline _pipeline;

    public InboundPreviewer(MailflowConfig config, ReceiptVerdicts verdicts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(verdicts);
        _verdicts = verdicts;
        _time = time;
        // Attachment links point at the configured API, signed with a key that lives as long as this previewer: nothing
        // is stored, so no link of a preview can be followed anyway.
        var links = new AttachmentLinkSigner(config.Links.BaseUrl, RandomNumberGenerator.GetBytes(32), TimeSpan.FromHours(config.Links.TtlHours), time);
        _pipeline = new InboundPipeline(new InboundRules(config), _rawMail, new InMemoryAttachmentStore(), new InMemoryQueueClient(),
            new InMemoryMessageLedger(), new InMemoryThreadIndex(), links, time, NullLogger<InboundPipeline>.Instance);
    }

    /// <param name="mail">The raw mail. The previewer owns it from here and disposes it; one that cannot seek is first
    /// copied to a temporary spool (<see cref="MailSpool"/>).</param>
    /// <param name="recipients">The envelope recipients to route on; when empty, the mail's To and Cc addresses.</param>
    public async Task<InboundPreview> PreviewAsync(Stream mail, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(recipients);
        var spool = await MailSpool.CreateAsync(mail, cancellationToken).ConfigureAwait(false);
        await using (spool.ConfigureAwait(false))
        {
            // Deterministic per content, like SES's id per received mail: previewing the same bytes twice gives the same ids.
            var mailId = Convert.ToHexStringLower(await SHA256.HashDataAsync(spool, cancellationToken).ConfigureAwait(false))[..40];
            string mailFrom;
            IReadOnlyList<string> routedOn;
            using (var headers = MailParser.ParseHeaders(spool, cancellationToken))
            {
                routedOn = recipients.Count > 0
                    ? recipients
                    : [.. headers.To.Mailboxes.Concat(headers.Cc.Mailboxes).Select(m => m.Address)];
                mailFrom = headers.From.Mailboxes.FirstOrDefault()?.Address ?? "";
            }
            var location = new RawMailLocation(Bucket, $"raw/{mailId}");
            var notification = SesNotificationFactory.Create(mailId, _time.GetUtcNow(), mailFrom, routedOn, location, _verdicts);
            _rawMail.Put(location.Key, () => spool);
            try
            {
                var result = await _pipeline.ProcessAsync(notification, cancellationToken).ConfigureAwait(false);
                return new InboundPreview(mailId, result.Size, routedOn, result.Deliveries);
            }
            finally
            {
                _rawMail.Remove(location.Key);
            }
        }
    }
}
