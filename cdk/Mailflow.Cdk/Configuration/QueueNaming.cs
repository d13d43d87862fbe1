using System.Text.RegularExpressions;

namespace Mailflow.Cdk.Configuration;

/// <summary>
/// Mailflow's queue names, <c>mailflow-{env}-{app}</c> with a <c>-dlq</c> twin, the same names Mailflow.Core's
/// <c>QueueNames</c> derives at run time: the functions find their queues by these names.
/// </summary>
public static partial class QueueNaming
{
    public const string DeadLetterSuffix = "-dlq";

    /// <summary>Mailflow's own queues; an app of the same name would collide with them.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = ["inbound", "outbound", "quarantine", "unroutable"];

    /// <summary>SQS: up to 80 letters, digits, hyphens and underscores (<see href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html">CreateQueue</see>).</summary>
    public const int MaxQueueNameLength = 80;

    public static string Name(string environment, string suffix) => $"mailflow-{environment}-{suffix}";

    public static string DeadLetterOf(string queueName) => queueName + DeadLetterSuffix;

    /// <summary>Why <paramref name="name"/> cannot be an app's queue-name part, or null when it can.</summary>
    public static string? AppNameProblem(string? name)
    {
        if (name is null || !AppName().IsMatch(name))
        {
            return $"'{name}' is not a valid app name: it becomes part of the queue name mailflow-{{env}}-{{app}}, so use 1-40 lowercase letters, digits or hyphens, starting with a letter or digit.";
        }
        if (ReservedNames.Contains(name) || name.EndsWith(DeadLetterSuffix, StringComparison.Ordinal))
        {
            return $"'{name}' would collide with one of Mailflow's own queues; choose another name.";
        }
        return null;
    }

    /// <summary>Why <paramref name="queueName"/> is not a name SQS accepts, or null when it is.</summary>
    public static string? QueueNameProblem(string queueName) =>
        SqsQueueName().IsMatch(queueName) && queueName.Length + DeadLetterSuffix.Length <= MaxQueueNameLength
            ? null
            : $"'{queueName}' (and its DLQ '{DeadLetterOf(queueName)}') must be at most {MaxQueueNameLength} letters, digits, hyphens or underscores.";

    /// <summary>The schema's app name pattern (docs/schemas/mailflow.config.v1.schema.json; a test keeps them equal).</summary>
    public const string AppNamePattern = "^[a-z0-9][a-z0-9-]{0,39}$";

    [GeneratedRegex(AppNamePattern)]
    private static partial Regex AppName();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SqsQueueName();
}
