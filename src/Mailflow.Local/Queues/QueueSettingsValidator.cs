using System.Buffers;

namespace Mailflow.Local.Queues;

/// <summary>Queue names and settings within SQS's limits (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html).</summary>
internal static class QueueSettingsValidator
{
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(900);
    public static readonly TimeSpan MaxWaitTime = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan MinRetention = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(14);
    public const int MinMessageSize = 1_024;

    /// <summary>SQS raised the limit from 256 KiB to 1 MiB in August 2025; the default stays at 256 KiB.</summary>
    public const int MaxMessageSize = 1_048_576;

    private static readonly SearchValues<char> s_nameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static void ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 80 || name.AsSpan().ContainsAnyExcept(s_nameChars))
        {
            throw QueueErrors.Invalid(
                $"'{name}' is not a valid queue name: use 1 to 80 characters from A-Z, a-z, 0-9, '-' and '_' (FIFO queues are not supported).");
        }
    }

    public static void Validate(QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ValidateName(settings.Name);
        InRange("VisibilityTimeout", settings.VisibilityTimeout, TimeSpan.Zero, MaxVisibilityTimeout);
        InRange("MessageRetentionPeriod", settings.MessageRetention, MinRetention, MaxRetention);
        InRange("DelaySeconds", settings.Delay, TimeSpan.Zero, MaxDelay);
        InRange("ReceiveMessageWaitTimeSeconds", settings.ReceiveWaitTime, TimeSpan.Zero, MaxWaitTime);
        if (settings.MaximumMessageSize is < MinMessageSize or > MaxMessageSize)
        {
            throw QueueErrors.Invalid(
                $"MaximumMessageSize is {settings.MaximumMessageSize}; it must be between {MinMessageSize} and {MaxMessageSize} bytes.");
        }

        if (settings.DeadLetterQueue is { } deadLetterQueue)
        {
            ValidateName(deadLetterQueue);
            if (deadLetterQueue == settings.Name)
            {
                throw QueueErrors.Invalid($"The queue '{settings.Name}' cannot be its own dead-letter queue; name another queue.");
            }

            if (settings.MaxReceiveCount is < 1 or > 1_000)
            {
                throw QueueErrors.Invalid($"maxReceiveCount is {settings.MaxReceiveCount}; it must be between 1 and 1000.");
            }
        }
    }

    public static void InRange(string parameter, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            throw QueueErrors.OutOfRange(parameter, value, min, max);
        }
    }
}
