using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// Reading and writing attribute values, tolerant of the AWS SDK v4 habit of returning null where v3 returned an empty
/// collection (https://docs.aws.amazon.com/sdk-for-net/v4/developer-guide/net-dg-v4.html, "Collections").
/// </summary>
internal static class DynamoDbItem
{
    public static AttributeValue String(string value) => new() { S = value };

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>An ordered list of strings (L, not SS: a string set has no order, no duplicates and cannot be empty).</summary>
    public static AttributeValue Strings(IEnumerable<string> values) => new() { L = [.. values.Select(String)] };

    /// <summary>Adds the attribute only for a value: DynamoDB has no empty strings in keys and null needs its own type.</summary>
    public static void PutIfPresent(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = String(value);
        }
    }

    /// <summary>True when the response carries an item (v4 returns null, dynalite and older paths an empty map).</summary>
    public static bool Exists(Dictionary<string, AttributeValue>? item) => item is { Count: > 0 };

    public static string? GetString(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static string RequireString(Dictionary<string, AttributeValue> item, string name) =>
        GetString(item, name) ?? throw Malformed(item, name);

    public static long? GetNumber(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } number
            ? long.Parse(number, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;

    public static long RequireNumber(Dictionary<string, AttributeValue> item, string name) =>
        GetNumber(item, name) ?? throw Malformed(item, name);

    public static string[] GetStrings(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.L is { } list ? [.. list.Select(element => element.S).OfType<string>()] : [];

    /// <summary>
    /// Epoch seconds for the <c>ttl</c> attribute, rounded up: DynamoDB's TTL must never delete an item before the instant
    /// it expires at (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html).
    /// </summary>
    public static long EpochSecondsRoundedUp(DateTimeOffset at)
    {
        var milliseconds = at.ToUnixTimeMilliseconds();
        return (milliseconds / 1000) + (milliseconds % 1000 > 0 ? 1 : 0);
    }

    /// <summary>
    /// False once the item's <c>ttl</c> has passed at <paramref name="now"/>. DynamoDB deletes expired items only
    /// within days, and until then reads still return them, so every read filters them itself
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
    /// </summary>
    public static bool IsLive(Dictionary<string, AttributeValue> item, DateTimeOffset now) =>
        GetNumber(item, DynamoDbTableSchema.TimeToLive) is not { } ttl || now.ToUnixTimeSeconds() < ttl;

    private static InvalidDataException Malformed(Dictionary<string, AttributeValue> item, string name) =>
        new($"The DynamoDB item {GetString(item, DynamoDbTableSchema.PartitionKey)} has no '{name}' attribute of the expected type; " +
            "it was not written by this Mailflow version or was edited by hand. Delete or repair the item.");
}
