using System.Globalization;
using Mailflow.Core.Ports;
using Mailflow.Core.Threading;

namespace Mailflow.Core.Tests.Support;

/// <summary>
/// A mail service for tests: records every mail it accepts, and can be told to defer (transient, SMTP 451) or reject
/// (permanent, SMTP 550) the next sends. Like SES it may rewrite the Message-ID: the id it reports then comes second in
/// <see cref="SentMail.MessageIds"/>, after the one Mailflow set.
/// </summary>
public sealed class RecordingMailSender : IMailSender
{
    /// <summary>The domain of the Message-IDs it rewrites to, as SES does (<c>&lt;{id}@email.amazonses.com&gt;</c>).</summary>
    public const string RewrittenDomain = "email.amazonses.com";

    private readonly Lock _lock = new();
    private readonly List<OutgoingMail> _sent = [];
    private readonly List<SentMail> _receipts = [];
    private readonly Queue<Func<Exception>> _failures = new();
    private int _attempts;

    /// <summary>When true, every accepted mail is reported with a second, rewritten Message-ID (SES); otherwise only with its own (a relay).</summary>
    public bool RewritesMessageIds { get; set; }

    /// <summary>The mails accepted, in order.</summary>
    public IReadOnlyList<OutgoingMail> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>What it answered for each accepted mail, in the order of <see cref="Sent"/>.</summary>
    public IReadOnlyList<SentMail> Receipts
    {
        get
        {
            lock (_lock)
            {
                return [.. _receipts];
            }
        }
    }

    /// <summary>Every call, failed ones included.</summary>
    public int Attempts
    {
        get
        {
            lock (_lock)
            {
                return _attempts;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> sends fail with a <see cref="MailDeferredException"/> (451 4.3.0), which may pass.</summary>
    public void DeferNext(int count = 1) => FailNext(count, () =>
        new MailDeferredException("451 4.3.0 Temporary local problem, try again later") { StatusCode = 451, EnhancedStatusCode = "4.3.0" });

    /// <summary>The next <paramref name="count"/> sends fail with a <see cref="MailRejectedException"/> (550 5.1.1), which is for good.</summary>
    public void RejectNext(int count = 1) => FailNext(count, () =>
        new MailRejectedException("550 5.1.1 Recipient address rejected: user unknown") { StatusCode = 550, EnhancedStatusCode = "5.1.1" });

    /// <summary>The provider id of the <paramref name="index"/>-th accepted mail (from 0), shaped like an SES message id.</summary>
    public static string ProviderId(int index) => string.Create(CultureInfo.InvariantCulture, $"0102019a00000000-{index:D8}-000000");

    public Task<SentMail> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        lock (_lock)
        {
            _attempts++;
            if (_failures.TryDequeue(out var failure))
            {
                throw failure();
            }
            var providerId = ProviderId(_sent.Count);
            var own = MessageIds.Normalize(mail.Message.MessageId);
            List<string> ids = own is null ? [] : [own];
            if (RewritesMessageIds)
            {
                ids.Add($"{providerId}@{RewrittenDomain}");
            }
            var receipt = new SentMail(providerId, ids);
            _sent.Add(mail);
            _receipts.Add(receipt);
            return Task.FromResult(receipt);
        }
    }

    private void FailNext(int count, Func<Exception> failure)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(failure);
            }
        }
    }
}
