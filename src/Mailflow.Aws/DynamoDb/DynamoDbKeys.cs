using System.Security.Cryptography;
using System.Text;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// The partition key of every item kind, in one place (docs/aws-tables.md shows the same list). Each kind has its own
/// fixed prefix, so keys of different kinds never meet; within a kind, the variable part is either one whole value
/// (nothing after it to confuse) or an escaped value that cannot contain the separator.
/// </summary>
internal static class DynamoDbKeys
{
    /// <summary>
    /// Values longer than this (in UTF-8 bytes) are keyed by their SHA-256 instead. DynamoDB refuses partition keys over
    /// 2048 bytes (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html); a Message-ID
    /// comes from whoever wrote the mail, so a hostile one must not make recording fail.
    /// </summary>
    internal const int MaxLiteralBytes = 1024;

    /// <summary>
    /// <c>idem#{app}#{key}</c> with the app URL-encoded: an encoded app has no <c>#</c>, so the first <c>#</c> after the
    /// prefix ends it, and (<c>a#b</c>, <c>c</c>) and (<c>a</c>, <c>b#c</c>) stay two records (LESSONS.md: one
    /// conditional write keyed exactly by (app, key)).
    /// </summary>
    public static string Idempotency(string app, string key) => Bounded("idem", $"{Uri.EscapeDataString(app)}#{key}");

    /// <summary><c>thread#mail#{mailId}</c>: the thread facts of one mail.</summary>
    public static string ThreadMail(string mailId) => $"thread#mail#{mailId}";

    /// <summary><c>thread#msgid#{normalisedId}</c>: the mail a normalised Message-ID names.</summary>
    public static string ThreadMessageId(string normalizedMessageId) => Bounded("thread#msgid", normalizedMessageId);

    /// <summary><c>mail#{mailId}</c>: the ledger entries of one mail, one item each, under this partition.</summary>
    public static string LedgerMail(string mailId) => $"mail#{mailId}";

    /// <summary>
    /// The sort key of a mail's summary item, under <see cref="LedgerMail"/> beside its entries. Entry sort keys start
    /// with a year (a digit), so every entry sorts before it and a timeline reads <c>sk &lt; "summary"</c>.
    /// </summary>
    public const string MailSummary = "summary";

    /// <summary><c>mails#{yyyy-MM-dd}</c>: the index partition of the mails first seen that UTC day (newest-first search).</summary>
    public static string MailsOfDay(DateOnly day) => $"mails#{day:yyyy'-'MM'-'dd}";

    /// <summary><c>audit#{yyyy-MM}</c>: the index partition of the audit entries of that UTC month (a few a day at most).</summary>
    public static string AuditOfMonth(DateOnly month) => $"audit#{month:yyyy'-'MM}";

    /// <summary><c>metric#m#{yyyy-MM-dd}</c>: the per-minute counters of one UTC day.</summary>
    public static string MinuteCounters(DateOnly day) => $"metric#m#{day:yyyy'-'MM'-'dd}";

    /// <summary><c>metric#h#{yyyy-MM}</c>: the per-hour counters of one UTC month.</summary>
    public static string HourCounters(DateOnly month) => $"metric#h#{month:yyyy'-'MM}";

    /// <summary>
    /// <c>{kind}#{value}</c>, or <c>{kind}h#{sha256 hex}</c> for a long value. The <c>h</c> sits where a literal key
    /// has its <c>#</c>, so no literal value, whatever it contains, can produce a hashed key.
    /// </summary>
    private static string Bounded(string kind, string value) =>
        Encoding.UTF8.GetByteCount(value) <= MaxLiteralBytes
            ? $"{kind}#{value}"
            : $"{kind}h#{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))}";
}
