using Mailflow.Aws.DynamoDb;

namespace Mailflow.Aws.Tests.DynamoDb;

public class DynamoDbKeysTests
{
    [Fact]
    public void Idempotency_HashSignInAppOrKey_GivesDistinctKeys()
    {
        Assert.Equal("idem#invoices#order-42", DynamoDbKeys.Idempotency("invoices", "order-42"));
        Assert.NotEqual(DynamoDbKeys.Idempotency("a#b", "c"), DynamoDbKeys.Idempotency("a", "b#c"));
        Assert.NotEqual(DynamoDbKeys.Idempotency("a%23b", "c"), DynamoDbKeys.Idempotency("a#b", "c"));
    }

    [Fact]
    public void ThreadMessageId_ValueOverTheLimit_IsHashedUnderAPrefixNoLiteralValueCanProduce()
    {
        var longId = new string('x', DynamoDbKeys.MaxLiteralBytes + 1);

        var hashed = DynamoDbKeys.ThreadMessageId(longId);

        Assert.StartsWith("thread#msgidh#", hashed, StringComparison.Ordinal);
        Assert.Equal("thread#msgidh#".Length + 64, hashed.Length);
        Assert.StartsWith("thread#msgid#", DynamoDbKeys.ThreadMessageId(hashed), StringComparison.Ordinal);
        Assert.Equal($"thread#msgid#{new string('x', DynamoDbKeys.MaxLiteralBytes)}", DynamoDbKeys.ThreadMessageId(new string('x', DynamoDbKeys.MaxLiteralBytes)));
    }

    [Fact]
    public void ThreadMessageId_LimitCountsUtf8Bytes()
    {
        Assert.StartsWith("thread#msgidh#", DynamoDbKeys.ThreadMessageId(new string('é', (DynamoDbKeys.MaxLiteralBytes / 2) + 1)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1772355600)]
    [InlineData(1, 1772355601)]
    [InlineData(999, 1772355601)]
    [InlineData(1000, 1772355601)]
    public void EpochSecondsRoundedUp_PartialSecond_RoundsUp(int milliseconds, long expected)
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero).AddMilliseconds(milliseconds);

        Assert.Equal(expected, DynamoDbItem.EpochSecondsRoundedUp(at));
    }
}
