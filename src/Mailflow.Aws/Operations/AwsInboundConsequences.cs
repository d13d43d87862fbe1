using System.Globalization;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// What each state means on AWS, in a sentence or two for the API and the dashboard.
/// <list type="bullet">
/// <item>paused: SES still runs the rule (stores the mail under <c>raw/</c>, notifies the topic, which delivers to the
/// inbound queue); only the worker's inbound mapping is off, so notifications wait in the queue until its message
/// retention deletes them (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html,
/// <c>MessageRetentionPeriod</c>). The outbound mapping is not touched.</item>
/// <item>disabled: a disabled rule matches nothing, and SES rejects mail that no rule of the active rule set takes
/// (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-concepts.html, the email receiving process). The refusal
/// happens in the SMTP conversation, so the sending server, not SES, returns the non-delivery report to the sender, and
/// nothing reaches S3 or the queue.</item>
/// </list>
/// </summary>
internal static class AwsInboundConsequences
{
    public static string Of(string state, EventSourceMapping mapping, string inboundQueue, TimeSpan retention) => state switch
    {
        InboundStatus.Disabled => "SES rejects mail for the configured domains during the SMTP conversation: the receipt rule is disabled, so no rule "
            + "of the active rule set takes it, and the sending servers return a bounce (non-delivery report) to the senders. Nothing is stored. "
            + (mapping.IsStopped
                ? $"Mail received before stays waiting in {inboundQueue}, since processing is paused too."
                : $"Mail already in {inboundQueue} is still processed."),
        InboundStatus.Paused => $"SES still accepts and stores mail for the configured domains, but the worker's inbound event source mapping is "
            + $"{mapping.State}: each mail's notification waits in {inboundQueue} for up to {Describe(retention)} (the queue's message retention) "
            + "and is processed on resume. Nothing is lost unless the pause lasts longer than that. Outbound mail is still sent.",
        _ => "SES accepts mail for the configured domains and the worker processes it as it arrives.",
    };

    /// <summary>4 days, 12 hours, 90 minutes, 45 seconds: the largest whole unit.</summary>
    public static string Describe(TimeSpan span)
    {
        static string Count(double value, string unit) =>
            value.ToString(CultureInfo.InvariantCulture) + " " + unit + (value == 1 ? "" : "s");
        return span.TotalSeconds % 86_400 == 0 ? Count(span.TotalDays, "day")
            : span.TotalSeconds % 3_600 == 0 ? Count(span.TotalHours, "hour")
            : span.TotalSeconds % 60 == 0 ? Count(span.TotalMinutes, "minute")
            : Count(Math.Round(span.TotalSeconds), "second");
    }
}
