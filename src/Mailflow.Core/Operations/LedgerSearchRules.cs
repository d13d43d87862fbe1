namespace Mailflow.Core.Operations;

/// <summary>What every <see cref="IMessageLedgerReader"/> accepts, checked the same way by each: bad input is an <see cref="ArgumentException"/> that says what is valid.</summary>
public static class LedgerSearchRules
{
    /// <summary>The largest page a listing returns.</summary>
    public const int MaxLimit = 500;

    public static void Validate(MessageSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        ValidateLimit(search.Limit, nameof(search.Limit));
        if (search.Status is { } status && !MessageStatus.IsKnown(status))
        {
            throw new ArgumentException($"Unknown status '{status}'; valid statuses: {string.Join(", ", MessageStatus.All)}.", nameof(search));
        }
    }

    public static void ValidateLimit(int limit, string parameter)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"The page size {limit} is out of range: ask for 1 to {MaxLimit} items.", parameter);
        }
    }
}
