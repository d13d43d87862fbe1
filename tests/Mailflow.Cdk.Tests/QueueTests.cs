using Mailflow.Cdk.Features;

namespace Mailflow.Cdk.Tests;

public sealed class QueueTests
{
    private static Synthesized Dev => TestStacks.Dev;

    private static readonly string[] s_expectedQueues =
        ["mailflow-dev-inbound", "mailflow-dev-outbound", "mailflow-dev-quarantine", "mailflow-dev-app1", "mailflow-dev-app2"];

    [Fact]
    public void Inbound_outbound_quarantine_and_every_app_get_a_queue_named_as_Mailflow_Core_names_it()
    {
        var names = Dev.Resources("AWS::SQS::Queue").Values.Select(q => (string)Synthesized.Properties(q)["QueueName"]!).ToHashSet();

        Assert.Equal(s_expectedQueues.SelectMany(q => new[] { q, q + "-dlq" }).ToHashSet(), names);
    }

    [Fact]
    public void Every_queue_has_its_own_dead_letter_queue_after_maxReceiveCount_receives()
    {
        var queues = Dev.Resources("AWS::SQS::Queue");
        var primaries = queues.Where(q => Synthesized.Properties(q.Value)["RedrivePolicy"] is not null).ToList();
        var deadLetterTargets = primaries.Select(q => Synthesized.Target(Synthesized.Properties(q.Value)["RedrivePolicy"]!["deadLetterTargetArn"])).ToList();

        Assert.Equal(s_expectedQueues.Length, primaries.Count);
        Assert.Equal(deadLetterTargets.Count, deadLetterTargets.Distinct().Count());
        Assert.All(primaries, q => Assert.Equal(5, (int)Synthesized.Properties(q.Value)["RedrivePolicy"]!["maxReceiveCount"]!));
        // Every queue is either a primary or the DLQ of exactly one primary.
        Assert.Equal(queues.Keys.Except(primaries.Select(p => p.Key)).Order(), deadLetterTargets.Order());
    }

    [Fact]
    public void Every_queue_is_encrypted_and_refuses_requests_without_TLS()
    {
        var queues = Dev.Resources("AWS::SQS::Queue");
        Assert.All(queues.Values, q => Assert.True((bool)Synthesized.Properties(q)["SqsManagedSseEnabled"]!));

        var denied = Dev.Resources("AWS::SQS::QueuePolicy").Values
            .Where(p => Synthesized.Properties(p)["PolicyDocument"]!["Statement"]!.AsArray()
                .Any(s => (string?)s!["Effect"] == "Deny" && s["Condition"]?["Bool"]?["aws:SecureTransport"]?.ToString() == "false"))
            .SelectMany(p => Synthesized.Properties(p)["Queues"]!.AsArray().Select(Synthesized.Target))
            .ToHashSet();
        Assert.Equal(queues.Keys.ToHashSet(), denied);
    }

    [Fact]
    public void Every_queue_stays_invisible_at_least_six_times_the_worker_timeout()
    {
        var worker = Dev.WorkerFunction;
        var timeout = (int)Synthesized.Properties(worker)["Timeout"]!;

        Assert.All(Dev.Resources("AWS::SQS::Queue").Values.Where(q => Synthesized.Properties(q)["RedrivePolicy"] is not null),
            q => Assert.True((int)Synthesized.Properties(q)["VisibilityTimeout"]! >= 6 * timeout, $"{Synthesized.Properties(q)["QueueName"]} visibility < 6 × {timeout} s"));
    }

    [Fact]
    public void Queues_keep_messages_for_the_configured_retention_and_dead_letters_for_the_SQS_maximum()
    {
        foreach (var queue in Dev.Resources("AWS::SQS::Queue").Values.Select(Synthesized.Properties))
        {
            var expected = queue["RedrivePolicy"] is null ? 1_209_600 : 345_600;
            Assert.Equal(expected, (int)queue["MessageRetentionPeriod"]!);
        }
    }

    [Fact]
    public void Every_dead_letter_queue_has_an_alarm_on_any_message()
    {
        var deadLetterQueues = Dev.Resources("AWS::SQS::Queue")
            .Where(q => ((string?)Synthesized.Properties(q.Value)["QueueName"])!.EndsWith("-dlq", StringComparison.Ordinal))
            .Select(q => q.Key)
            .ToHashSet();
        var alarmed = Dev.Resources("AWS::CloudWatch::Alarm").Values.Select(Synthesized.Properties)
            .Where(a => (string?)a["MetricName"] == "ApproximateNumberOfMessagesVisible" && (double)a["Threshold"]! == 0
                && (string?)a["ComparisonOperator"] == "GreaterThanThreshold")
            .Select(a => Synthesized.Target(a["Dimensions"]!.AsArray().Single()!["Value"]))
            .ToHashSet();

        Assert.Equal(deadLetterQueues, alarmed);
    }

    [Fact]
    public void Every_queue_URL_is_a_stack_output()
    {
        var outputs = Dev.Json["Outputs"]!.AsObject().Where(o => o.Key.Contains("QueueUrl", StringComparison.Ordinal))
            .Select(o => Synthesized.Target(o.Value!["Value"])).ToHashSet();
        var primaries = Dev.Resources("AWS::SQS::Queue").Where(q => Synthesized.Properties(q.Value)["RedrivePolicy"] is not null).Select(q => q.Key);

        Assert.Superset(primaries.ToHashSet(), outputs);
    }

    [Fact]
    public void Visibility_timeout_is_six_worker_timeouts_plus_the_batching_window()
    {
        Assert.Equal((6 * 60) + 2, WorkerTiming.QueueVisibilityTimeout.ToSeconds());
    }
}
