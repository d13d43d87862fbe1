using Amazon.CDK.Assertions;

namespace Mailflow.Cdk.Tests;

public sealed class ObservabilityTests
{
    private static Synthesized Dev => TestStacks.Dev;

    [Fact]
    public void Every_log_group_masks_email_and_IP_addresses_and_has_a_retention()
    {
        var logGroups = Dev.Resources("AWS::Logs::LogGroup").Values.Select(Synthesized.Properties).ToList();

        Assert.NotEmpty(logGroups);
        Assert.All(logGroups, group =>
        {
            Assert.Equal(14, (int)group["RetentionInDays"]!);
            var statements = group["DataProtectionPolicy"]!["statement"]!.AsArray();
            var masking = Assert.Single(statements, s => s!["operation"]!["deidentify"]?["maskConfig"] is not null);
            Assert.Equal(
                ["arn:aws:dataprotection::aws:data-identifier/EmailAddress", "arn:aws:dataprotection::aws:data-identifier/IpAddress"],
                masking!["dataIdentifier"]!.AsArray().Select(d => (string?)d));
        });
    }

    [Fact]
    public void Every_function_logs_to_its_masked_log_group()
    {
        var logGroups = Dev.Resources("AWS::Logs::LogGroup").Keys.ToHashSet();

        Assert.All(Dev.Resources("AWS::Lambda::Function").Values,
            f => Assert.Contains(Synthesized.Target(Synthesized.Properties(f)["LoggingConfig"]!["LogGroup"]), logGroups));
    }

    [Fact]
    public void Every_alarm_notifies_the_alarm_topic_when_it_fires()
    {
        var topic = Dev.Resources("AWS::SNS::Topic").Single(r => r.Key.StartsWith("Observability", StringComparison.Ordinal)).Key;
        var alarms = Dev.Resources("AWS::CloudWatch::Alarm").Values.Select(Synthesized.Properties).ToList();

        Assert.NotEmpty(alarms);
        Assert.All(alarms, a => Assert.Contains(topic, a["AlarmActions"]!.AsArray().Select(Synthesized.Target)));
    }

    [Fact]
    public void The_alarm_topic_mails_the_environments_alarm_address_and_is_encrypted()
    {
        Dev.Template.HasResourceProperties("AWS::SNS::Subscription", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Protocol"] = "email",
            ["Endpoint"] = "mailflow-alarms-dev@example.com",
        }));
        var topic = Synthesized.Properties(Dev.Resources("AWS::SNS::Topic").Single(r => r.Key.StartsWith("Observability", StringComparison.Ordinal)).Value);
        Assert.Equal(Dev.Resources("AWS::KMS::Key").Single(r => r.Key.StartsWith("Observability", StringComparison.Ordinal)).Key, Synthesized.Target(topic["KmsMasterKeyId"]));
    }

    [Fact]
    public void CloudWatch_may_use_the_alarm_topic_key_and_publish_to_the_topic()
    {
        var keyPolicy = Synthesized.Properties(Dev.Resources("AWS::KMS::Key").Single(r => r.Key.StartsWith("Observability", StringComparison.Ordinal)).Value)["KeyPolicy"]!["Statement"]!.AsArray();
        Assert.Contains(keyPolicy, s => (string?)s!["Principal"]?["Service"] == "cloudwatch.amazonaws.com"
            && s["Action"]!.AsArray().Any(a => (string?)a == "kms:GenerateDataKey*"));

        var topicPolicy = Synthesized.Properties(Dev.Resources("AWS::SNS::TopicPolicy").Single(r => r.Key.StartsWith("Observability", StringComparison.Ordinal)).Value)["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Contains(topicPolicy, s => (string?)s!["Principal"]?["Service"] == "cloudwatch.amazonaws.com" && (string?)s["Action"] == "sns:Publish");
    }

    [Fact]
    public void Inbound_mail_waiting_over_fifteen_minutes_raises_an_alarm()
    {
        var inbound = Dev.Resources("AWS::SQS::Queue").Single(q => (string?)Synthesized.Properties(q.Value)["QueueName"] == "mailflow-dev-inbound").Key;

        var alarm = Assert.Single(Dev.Resources("AWS::CloudWatch::Alarm").Values.Select(Synthesized.Properties),
            a => (string?)a["MetricName"] == "ApproximateAgeOfOldestMessage");
        Assert.Equal(inbound, Synthesized.Target(alarm["Dimensions"]!.AsArray().Single()!["Value"]));
        Assert.Equal(900, (double)alarm["Threshold"]!);
    }

    [Theory]
    [InlineData("Errors")]
    [InlineData("Throttles")]
    public void Worker_errors_and_throttles_on_the_live_alias_raise_an_alarm(string metric)
    {
        var alarm = Assert.Single(Dev.Resources("AWS::CloudWatch::Alarm").Values.Select(Synthesized.Properties),
            a => (string?)a["MetricName"] == metric && (string?)a["Namespace"] == "AWS/Lambda");

        var resource = alarm["Dimensions"]!.AsArray().Single(d => (string?)d!["Name"] == "Resource")!["Value"]!;
        // {"Fn::Join": ["", [{"Ref": function}, ":live"]]}: the alias's metrics, the ones a canary rollback watches.
        var parts = resource["Fn::Join"]![1]!.AsArray();
        Assert.Equal(Dev.LogicalId(Dev.Stack.Worker.Function.Function), Synthesized.Target(parts[0]));
        Assert.Equal(":live", (string?)parts[1]);
        Assert.Equal(0, (double)alarm["Threshold"]!);
    }
}
