using System.Text;

namespace Mailflow.Local.Sqs;

/// <summary>
/// ListQueues / ListDeadLetterSourceQueues paging: names in ordinal order, at most MaxResults (1-1000) of them, and an
/// opaque NextToken (the last name returned) only when MaxResults was given and more remain, as SQS does.
/// </summary>
internal sealed record NamePage(IReadOnlyList<string> Names, string? NextToken)
{
    public const int MaxResultsLimit = 1000;

    public static NamePage Of(IEnumerable<string> names, int? maxResults, string? nextToken)
    {
        if (maxResults is < 1 or > MaxResultsLimit)
        {
            throw SqsError.OutOfRange("MaxResults", maxResults.Value, 1, MaxResultsLimit);
        }
        var after = nextToken is null ? null : Decode(nextToken);
        var remaining = names.Order(StringComparer.Ordinal)
            .Where(name => after is null || string.CompareOrdinal(name, after) > 0)
            .ToList();
        var page = remaining.Take(maxResults ?? MaxResultsLimit).ToList();
        var more = maxResults is not null && remaining.Count > page.Count;
        return new NamePage(page, more ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1])) : null);
    }

    private static string Decode(string token)
    {
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var length)
            ? Encoding.UTF8.GetString(bytes, 0, length)
            : throw SqsError.InvalidParameterValue($"Invalid NextToken '{token}': pass the NextToken of the previous page unchanged.");
    }
}
