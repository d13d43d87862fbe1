using Mailflow.Aws.Operations;
using Mailflow.Aws.Queues;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>The API function's backends from its settings, and the raw-bucket setting it requires.</summary>
public sealed class AwsOperationsTests
{
    private static readonly Dictionary<string, string> s_variables = new()
    {
        [DeploymentSettings.AttachmentBucketVariable] = "attachments-bucket",
        [DeploymentSettings.TableVariable] = "mailflow-table",
        [DeploymentSettings.ApiUrlVariable] = "https://api.example.test",
        [DeploymentSettings.LinkSigningKeyVariable] = Convert.ToBase64String(new byte[32]),
        ["AWS_REGION"] = "eu-west-1",
    };

    private static Func<string, string?> Variables(string? rawBucket) =>
        name => name == DeploymentSettings.RawBucketVariable ? rawBucket : s_variables.GetValueOrDefault(name);

    [Fact]
    public void The_API_requires_the_raw_bucket_and_the_worker_does_not()
    {
        var api = Assert.Throws<InvalidOperationException>(() => DeploymentSettings.FromEnvironment(Variables(null), requireRawBucket: true));
        var worker = DeploymentSettings.FromEnvironment(Variables(null));
        var both = DeploymentSettings.FromEnvironment(Variables("raw-bucket"), requireRawBucket: true);

        Assert.Contains(DeploymentSettings.RawBucketVariable, api.Message, StringComparison.Ordinal);
        Assert.Null(worker.RawBucket);
        Assert.Equal("raw-bucket", both.RawBucket);
    }

    [Fact]
    public void Create_builds_the_aws_backends_with_a_check_for_every_store_and_queue()
    {
        var settings = DeploymentSettings.FromEnvironment(Variables("raw-bucket"), requireRawBucket: true);
        var aws = AwsEnvironment.FromEnvironment(Variables(null));
        var reader = new InMemoryLedgerReader();
        var inbound = new StubInboundControl();

        var backends = AwsOperations.Create(settings, aws, TimeProvider.System, reader, inbound);

        Assert.Equal("aws", backends.Host);
        Assert.Same(reader, backends.LedgerReader);
        Assert.Same(inbound, backends.Inbound);
        Assert.IsType<SqsQueueAdministration>(backends.Queues);
        Assert.IsType<SqsQueueClient>(backends.QueueClient);
        Assert.IsType<S3MailArchive>(backends.Archive);
        Assert.IsType<S3AttachmentDownloads>(backends.Downloads);
        Assert.Equal(
            ["ledger", "raw-mail", "attachments", .. QueueNames.All(settings.Config).Select(q => "queue:" + q)],
            backends.DependencyChecks.Select(c => c.Name));
    }

    [Fact]
    public void Create_without_the_raw_bucket_says_which_setting_is_missing()
    {
        var settings = DeploymentSettings.FromEnvironment(Variables(null));
        var aws = AwsEnvironment.FromEnvironment(Variables(null));

        var error = Assert.Throws<InvalidOperationException>(() => AwsOperations.Create(settings, aws, TimeProvider.System, new InMemoryLedgerReader(), new StubInboundControl()));

        Assert.Contains(DeploymentSettings.RawBucketVariable, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The factory only passes the switches through; AwsInboundControl has its own tests against the fake control plane.</summary>
    private sealed class StubInboundControl : IInboundControl
    {
        public Task<InboundStatus> GetAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<InboundStatus> ApplyAsync(InboundSwitch change, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
