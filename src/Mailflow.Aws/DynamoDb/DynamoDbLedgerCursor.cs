using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// Opaque cursors of the DynamoDB ledger reader: base64url of the index position of the last row shown, from which the
/// next page continues (as <c>ExclusiveStartKey</c>). Search: <c>m1|{day}|{firstAt}#{mailId}</c>; audit:
/// <c>a1|{month}|{entry sort key}|{action id}</c>. A cursor that does not decode to a position of its kind is refused.
/// </summary>
internal static class DynamoDbLedgerCursor
{
    private const int TimeLength = 28;

    public static string ForSearch(DateOnly day, string rank) => Encode($"m1|{day:yyyy'-'MM'-'dd}|{rank}");

    public static string ForAudit(DateOnly month, string sortKey, string mailId) => Encode($"a1|{month:yyyy'-'MM}|{sortKey}|{mailId}");

    /// <exception cref="ArgumentException">Not a search cursor this reader issued.</exception>
    public static (DateOnly Day, Dictionary<string, AttributeValue> StartKey) ReadSearch(string cursor)
    {
        var parts = Decode(cursor).Split('|', 3);
        if (parts.Length == 3 && parts[0] == "m1"
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && parts[2].Length > TimeLength + 1 && parts[2][TimeLength] == '#'
            && TryTime(parts[2], out var firstAt) && DynamoDbMessageLedger.DayOf(firstAt) == day)
        {
            var mailId = parts[2][(TimeLength + 1)..];
            return (day, new Dictionary<string, AttributeValue>
            {
                [DynamoDbTableSchema.IndexPartitionKey] = DynamoDbItem.String(DynamoDbKeys.MailsOfDay(day)),
                [DynamoDbTableSchema.IndexSortKey] = DynamoDbItem.String(parts[2]),
                [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(DynamoDbKeys.LedgerMail(mailId)),
                [DynamoDbTableSchema.SortKey] = DynamoDbItem.String(DynamoDbKeys.MailSummary),
            });
        }
        throw Invalid();
    }

    /// <exception cref="ArgumentException">Not an audit cursor this reader issued.</exception>
    public static (DateOnly Month, Dictionary<string, AttributeValue> StartKey) ReadAudit(string cursor)
    {
        var parts = Decode(cursor).Split('|', 4);
        if (parts.Length == 4 && parts[0] == "a1"
            && DateOnly.TryParseExact(parts[1] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            && TryTime(parts[2], out var at) && DynamoDbMessageLedger.MonthOf(at) == month)
        {
            return (month, new Dictionary<string, AttributeValue>
            {
                [DynamoDbTableSchema.IndexPartitionKey] = DynamoDbItem.String(DynamoDbKeys.AuditOfMonth(month)),
                [DynamoDbTableSchema.IndexSortKey] = DynamoDbItem.String(parts[2]),
                [DynamoDbTableSchema.PartitionKey] = DynamoDbItem.String(DynamoDbKeys.LedgerMail(parts[3])),
                [DynamoDbTableSchema.SortKey] = DynamoDbItem.String(parts[2]),
            });
        }
        throw Invalid();
    }

    private static bool TryTime(string key, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(key.Length >= TimeLength ? key[..TimeLength] : "", DynamoDbLedgerAttributes.TimeFormat,
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Decode(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Invalid();
        }
    }

    private static ArgumentException Invalid() =>
        new("The cursor is not one this listing issued: pass back the nextCursor of the previous page unchanged, or omit it for the first page.", "cursor");
}
