using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;
using Mailflow.Cdk.BuildingBlocks;

namespace Mailflow.Cdk.Features;

/// <summary>
/// The CloudWatch dashboard <c>mailflow-{env}</c>: every queue's depth and oldest message, every DLQ's depth, the
/// worker's live alias and the API. Where an alarm watches a metric, the widget shows that alarm's own metric object,
/// so the graph and the alarm cannot disagree about a name or a dimension (LESSONS.md: the old dashboard read 0
/// because its names did not match). All metrics are AWS namespaces (AWS/SQS, AWS/Lambda, AWS/ApiGateway): Mailflow
/// emits no custom metrics yet.
/// </summary>
public sealed class CloudWatchDashboard : Construct
{
    private const int FullWidth = 24;
    private const int HalfWidth = 12;
    private const int Height = 6;

    public Amazon.CDK.AWS.CloudWatch.Dashboard Dashboard { get; }

    public string DashboardName { get; }

    public CloudWatchDashboard(Construct scope, string id, CloudWatchDashboardProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var queues = props.Queues.All.ToList();
        var worker = props.Worker;
        var api = props.Api;
        DashboardName = $"mailflow-{props.Environment.Name}";
        var oneMinuteMax = new MetricOptions { Period = Duration.Minutes(1), Statistic = "Maximum" };
        var oneMinuteSum = new MetricOptions { Period = Duration.Minutes(1), Statistic = "Sum" };

        Dashboard = new Amazon.CDK.AWS.CloudWatch.Dashboard(this, "Dashboard", new Amazon.CDK.AWS.CloudWatch.DashboardProps
        {
            DashboardName = DashboardName,
            DefaultInterval = Duration.Hours(3),
        });

        Dashboard.AddWidgets(new AlarmStatusWidget(new AlarmStatusWidgetProps
        {
            Title = "Alarms",
            Alarms = queues.SelectMany(QueueAlarms).Concat(worker.Alarms).Concat(api.Alarms).Cast<IAlarm>().ToArray(),
            Width = FullWidth,
            Height = 3,
        }));
        Dashboard.AddWidgets(
            Graph("Visible messages per queue", queues.Select(q => q.Queue.MetricApproximateNumberOfMessagesVisible(oneMinuteMax))),
            Graph("Age of the oldest message per queue (seconds)", queues.Select(q =>
                q.OldestMessageAlarm?.Metric ?? q.Queue.MetricApproximateAgeOfOldestMessage(oneMinuteMax))),
            Graph("Dead letters per DLQ", queues.Select(q => q.DeadLetterAlarm.Metric)));
        Dashboard.AddWidgets(
            Graph($"Worker ({Worker.AliasName}): invocations, errors, throttles", [
                worker.Alias.MetricInvocations(oneMinuteSum),
                worker.ErrorsAlarm.Metric,
                worker.ThrottlesAlarm.Metric,
            ], HalfWidth),
            Graph($"Worker ({Worker.AliasName}): duration (ms)", [
                worker.Alias.MetricDuration(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Average" }),
                worker.Alias.MetricDuration(new MetricOptions { Period = Duration.Minutes(1), Statistic = "p99" }),
                worker.Alias.MetricDuration(oneMinuteMax),
            ], HalfWidth));
        Dashboard.AddWidgets(
            Graph("API: 4xx and 5xx", [
                api.HttpApi.MetricClientError(oneMinuteSum),
                api.ServerErrorsAlarm.Metric,
            ], HalfWidth),
            Graph("API: latency (ms)", [
                api.HttpApi.MetricLatency(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Average" }),
                api.HttpApi.MetricLatency(new MetricOptions { Period = Duration.Minutes(1), Statistic = "p99" }),
            ], HalfWidth));

        _ = new CfnOutput(this, "Name", new CfnOutputProps { Value = DashboardName, Description = "The CloudWatch dashboard of this environment." });
    }

    private static IEnumerable<Alarm> QueueAlarms(AppQueue queue) =>
        queue.OldestMessageAlarm is { } oldest ? [queue.DeadLetterAlarm, oldest] : [queue.DeadLetterAlarm];

    private static GraphWidget Graph(string title, IEnumerable<IMetric> metrics, int width = 8) => new(new GraphWidgetProps
    {
        Title = title,
        Left = metrics.ToArray(),
        Width = width,
        Height = Height,
    });
}
