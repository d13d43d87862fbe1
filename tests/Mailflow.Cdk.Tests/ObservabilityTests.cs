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
        var topic = Dev.Resources("AWS::SNS::Topic").Single().Key;
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
        var topic = Synthesized.Properties(Dev.Resources("AWS::SNS::Topic").Values.Single());
        Assert.Equal(Dev.Resources("AWS::KMS::Key").Single().Key, Synthesized.Target(topic["KmsMasterKeyId"]));
    }

    [Fact]
    public void CloudWatch_may_use_the_alarm_topic_key_and_publish_to_the_topic()
    {
        var keyPolicy = Synthesized.Properties(Dev.Resources("AWS::KMS::Key").Values.Single())["KeyPolicy"]!["Statement"]!.AsArray();
        Assert.Contains(keyPolicy, s => (string?)s!["Principal"]?["Service"] == "cloudwatch.amazonaws.com"
            && s["Action"]!.AsArray().Any(a => (string?)a == "kms:GenerateDataKey*"));

        var topicPolicy = Synthesized.Properties(Dev.Resources("AWS::SNS::TopicPolicy").Values.Single())["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Contains(topicPolicy, s => (string?)s!["Principal"]?["Service"] == "cloudwatch.amazonaws.com" && (string?)s["Action"] == "sns:Publish");
    }
}
