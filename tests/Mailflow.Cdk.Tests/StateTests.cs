using Amazon.CDK.Assertions;

namespace Mailflow.Cdk.Tests;

public sealed class StateTests
{
    private static Synthesized Dev => TestStacks.Dev;

    [Fact]
    public void One_table_holds_ledger_idempotency_and_threads_with_the_schema_and_search_index_of_docs_aws_tables()
    {
        Dev.Template.ResourceCountIs("AWS::DynamoDB::Table", 1);
        Dev.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectEquals(new Dictionary<string, object>
        {
            ["KeySchema"] = new object[]
            {
                new Dictionary<string, object> { ["AttributeName"] = "pk", ["KeyType"] = "HASH" },
                new Dictionary<string, object> { ["AttributeName"] = "sk", ["KeyType"] = "RANGE" },
            },
            ["AttributeDefinitions"] = new object[]
            {
                new Dictionary<string, object> { ["AttributeName"] = "pk", ["AttributeType"] = "S" },
                new Dictionary<string, object> { ["AttributeName"] = "sk", ["AttributeType"] = "S" },
                new Dictionary<string, object> { ["AttributeName"] = "gsi1pk", ["AttributeType"] = "S" },
                new Dictionary<string, object> { ["AttributeName"] = "gsi1sk", ["AttributeType"] = "S" },
            },
            ["GlobalSecondaryIndexes"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["IndexName"] = "gsi1",
                    ["KeySchema"] = new object[]
                    {
                        new Dictionary<string, object> { ["AttributeName"] = "gsi1pk", ["KeyType"] = "HASH" },
                        new Dictionary<string, object> { ["AttributeName"] = "gsi1sk", ["KeyType"] = "RANGE" },
                    },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "ALL" },
                },
            },
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = "ttl", ["Enabled"] = true },
            ["Tags"] = Match.AnyValue(),
        }));
    }

    [Fact]
    public void Dev_data_is_deleted_with_the_stack_and_prod_data_is_retained()
    {
        Assert.Equal("Delete", (string?)Dev.Resources("AWS::DynamoDB::Table").Values.Single()["DeletionPolicy"]);

        var prod = TestStacks.Synthesize("prod");
        foreach (var type in new[] { "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SecretsManager::Secret" })
        {
            Assert.All(prod.Resources(type).Values, r => Assert.Equal("Retain", (string?)r["DeletionPolicy"]));
        }
    }

    [Fact]
    public void Buckets_have_generated_names_block_public_access_and_require_TLS()
    {
        var buckets = Dev.Resources("AWS::S3::Bucket");
        Assert.All(buckets.Values.Select(Synthesized.Properties), b =>
        {
            // Bucket names are global: a fixed one makes the second environment or deployer fail (LESSONS.md).
            Assert.Null(b["BucketName"]);
            Assert.All(new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" },
                setting => Assert.True((bool)b["PublicAccessBlockConfiguration"]![setting]!));
            Assert.NotNull(b["BucketEncryption"]);
        });
        var tlsOnly = Dev.Resources("AWS::S3::BucketPolicy").Values.Select(Synthesized.Properties)
            .Where(p => p["PolicyDocument"]!["Statement"]!.AsArray().Any(s => s!["Condition"]?["Bool"]?["aws:SecureTransport"]?.ToString() == "false"))
            .Select(p => Synthesized.Target(p["Bucket"]));
        Assert.Equal(buckets.Keys.ToHashSet(), tlsOnly.ToHashSet());
    }

    [Fact]
    public void Attachments_expire_after_the_configured_retention()
    {
        var attachments = Synthesized.Properties(Dev.Resources("AWS::S3::Bucket").Single(b => b.Key.StartsWith("StateAttachments", StringComparison.Ordinal)).Value);

        Assert.Contains(attachments["LifecycleConfiguration"]!["Rules"]!.AsArray(), r => (int?)r!["ExpirationInDays"] == 30);
    }

    [Fact]
    public void The_attachments_bucket_logs_its_access_to_the_access_logs_bucket()
    {
        var buckets = Dev.Resources("AWS::S3::Bucket");
        var attachments = Synthesized.Properties(buckets.Single(b => b.Key.StartsWith("StateAttachments", StringComparison.Ordinal)).Value);

        Assert.Equal(buckets.Single(b => b.Key.StartsWith("ObservabilityAccessLogs", StringComparison.Ordinal)).Key,
            Synthesized.Target(attachments["LoggingConfiguration"]!["DestinationBucketName"]));
    }
}
