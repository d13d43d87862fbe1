using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Mailflow.Core.Ses;
using Mailflow.Lambda.Events.ApiGateway;
using Mailflow.Lambda.Events.Sns;
using Mailflow.Lambda.Events.Sqs;
using Mailflow.Lambda.Tests.Support;

namespace Mailflow.Lambda.Tests.Events;

/// <summary>The event models read the fixtures of tests/fixtures/events completely and as the pipeline needs them.</summary>
public sealed class EventFixtureTests
{
    public static TheoryData<string> Fixtures() =>
        [.. Directory.GetFiles(RepositoryPaths.EventFixtures, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_deserializes_with_every_member_modelled(string fixture)
    {
        // Disallowing unmapped members makes a field the models lack fail here, not vanish in production.
        var options = new JsonSerializerOptions(LambdaJsonContext.Default.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        var type = fixture.StartsWith("sqs-", StringComparison.Ordinal) ? typeof(SqsEvent)
            : fixture.StartsWith("apigw-", StringComparison.Ordinal) ? typeof(HttpApiRequest)
            : throw new InvalidOperationException($"No model for {fixture}: name it sqs-… or apigw-…");

        var value = JsonSerializer.Deserialize(RepositoryPaths.Event(fixture), options.GetTypeInfo(type));

        Assert.NotNull(value);
        if (value is SqsEvent sqs)
        {
            Assert.NotEmpty(sqs.Records);
            Assert.All(sqs.Records, record => Assert.Equal(record.Md5OfBody, Md5(record.Body)));
        }
    }

    [Fact]
    public void Sqs_records_give_queue_name_receive_count_and_queue_records()
    {
        var records = Read<SqsEvent>("sqs-ses-notifications.json").Records;

        Assert.Equal(["mailflow-test-inbound", "mailflow-test-inbound"], records.Select(record => record.QueueName));
        Assert.Equal([1, 3], records.Select(record => record.ReceiveCount));
        Assert.Equal("3", records[1].Attributes.ApproximateReceiveCount);
        Assert.Equal("aws:sqs", records[0].EventSource);
        Assert.Equal("eu-west-1", records[0].AwsRegion);
        var queueRecord = records[1].ToQueueRecord();
        Assert.Equal((records[1].MessageId, records[1].Body, 3), (queueRecord.MessageId, queueRecord.Body, queueRecord.ReceiveCount));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795339802460), queueRecord.SentAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public void An_sqs_record_without_a_readable_SentTimestamp_has_no_sent_time(string? sentTimestamp)
    {
        var record = Read<SqsEvent>("sqs-outbound.json").Records[0];
        record.Attributes.SentTimestamp = sentTimestamp;

        Assert.Null(record.SentAt);
        Assert.Null(record.ToQueueRecord().SentAt);
    }

    [Fact]
    public void Sqs_bodies_are_SES_notifications_the_core_models_read()
    {
        var records = Read<SqsEvent>("sqs-ses-notifications.json").Records;

        var notifications = records.Select(record => Ses(record.Body)).ToList();

        Assert.Equal("7mc9q2smfi5ln3dmrrh6ls2j1u2ifp4rnvc0fho1", notifications[0].Mail.MessageId);
        Assert.Equal("mailflow-test-raw", notifications[0].Receipt.Action.BucketName);
        Assert.Equal("raw/7mc9q2smfi5ln3dmrrh6ls2j1u2ifp4rnvc0fho1", notifications[0].Receipt.Action.ObjectKey);
        Assert.Equal(["_app2+ticket-7@example.com", "_app1@example.com"], notifications[1].Receipt.Recipients);
        Assert.Equal(("GRAY", "FAIL"), (notifications[1].Receipt.Verdicts().Spam, notifications[1].Receipt.Verdicts().Dmarc));
    }

    [Fact]
    public void An_SNS_wrapped_body_unwraps_to_the_same_notification_raw_delivery_gives()
    {
        var wrapped = Read<SqsEvent>("sqs-ses-via-sns.json").Records.Single();
        var raw = Read<SqsEvent>("sqs-ses-notifications.json").Records[0];

        var unwrapped = SnsEnvelope.Unwrap(wrapped.Body);

        Assert.Equal(raw.Body, unwrapped);
        var envelope = SnsEnvelope.TryRead(wrapped.Body);
        Assert.NotNull(envelope);
        Assert.Equal(("Notification", "arn:aws:sns:eu-west-1:123456789012:mailflow-test-inbound"), (envelope.Type, envelope.TopicArn));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 30, 0, 431, TimeSpan.Zero), envelope.Timestamp);
    }

    [Fact]
    public void A_raw_delivery_body_and_an_unreadable_body_pass_unwrapping_unchanged()
    {
        var records = Read<SqsEvent>("sqs-one-malformed.json").Records;

        Assert.Equal(records[0].Body, SnsEnvelope.Unwrap(records[0].Body));
        Assert.Equal(records[1].Body, SnsEnvelope.Unwrap(records[1].Body));
        Assert.Null(SnsEnvelope.TryRead(records[0].Body));
        Assert.Null(SnsEnvelope.TryRead(records[1].Body));
        Assert.Equal("not json", SnsEnvelope.Unwrap("not json"));
        Assert.Throws<JsonException>(() => Ses(records[1].Body));
    }

    [Fact]
    public void Outbound_records_carry_their_envelopes_and_message_attributes()
    {
        var records = Read<SqsEvent>("sqs-outbound.json").Records;

        Assert.All(records, record => Assert.Equal("mailflow-test-outbound", record.QueueName));
        using var envelope = JsonDocument.Parse(records[1].Body);
        Assert.Equal("mailflow.outbound.v1", envelope.RootElement.GetProperty("schema").GetString());
        Assert.Equal("ticket-981-answer-1", envelope.RootElement.GetProperty("idempotencyKey").GetString());
        var attempt = records[1].MessageAttributes["attempt"];
        Assert.Equal(("Number", "2"), (attempt.DataType, attempt.StringValue));
        Assert.Empty(attempt.StringListValues);
        Assert.Empty(records[0].MessageAttributes);
        Assert.Equal(2, records[1].ReceiveCount);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("one")]
    [InlineData(null)]
    public void A_receive_count_that_is_not_a_positive_number_is_an_event_we_do_not_understand(string? count)
    {
        var record = new SqsEventRecord { MessageId = "m-1", Attributes = new SqsRecordAttributes { ApproximateReceiveCount = count } };

        var refused = Assert.Throws<InvalidDataException>(() => record.ReceiveCount);

        Assert.Contains("m-1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_batch_response_names_the_records_to_retry_as_Lambda_reads_it()
    {
        var response = SqsBatchResponse.From(new Core.Pipeline.BatchResult(["m-2", "m-5"], new Dictionary<string, TimeSpan>()));

        Assert.Equal(
            """{"batchItemFailures":[{"itemIdentifier":"m-2"},{"itemIdentifier":"m-5"}]}""",
            JsonSerializer.Serialize(response, LambdaJsonContext.Default.SqsBatchResponse));
        Assert.Equal("""{"batchItemFailures":[]}""", JsonSerializer.Serialize(SqsBatchResponse.From(new Core.Pipeline.BatchResult([], new Dictionary<string, TimeSpan>())), LambdaJsonContext.Default.SqsBatchResponse));
    }

    [Fact]
    public void The_health_request_reads_with_its_request_context()
    {
        var request = Read<HttpApiRequest>("apigw-health.json");

        Assert.Equal(("2.0", "/api/health", "", "GET"), (request.Version, request.RawPath, request.RawQueryString, request.RequestContext.Http.Method));
        Assert.Equal(("$default", "203.0.113.17", "Bm3xKg2WDoEEJkw="), (request.RequestContext.Stage, request.RequestContext.Http.SourceIp, request.RequestContext.RequestId));
        Assert.Equal(1795341000123, request.RequestContext.TimeEpoch);
        Assert.Null(request.Body);
        Assert.Null(request.Cookies);
    }

    [Fact]
    public void The_binary_post_reads_with_cookies_query_claims_and_a_base64_body()
    {
        var request = Read<HttpApiRequest>("apigw-binary-post.json");

        Assert.True(request.IsBase64Encoded);
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), Convert.FromBase64String(request.Body!));
        Assert.Equal(["session=7f3e9a1c", "theme=dark"], request.Cookies!);
        Assert.Equal("blob.bin", request.QueryStringParameters!["name"]);
        Assert.Equal("application/octet-stream", request.Headers!["content-type"]);
        Assert.Equal("ops", request.RequestContext.Authorizer!.Jwt!.Claims!["mailflow/team"]);
        Assert.Equal(["mailflow.write"], request.RequestContext.Authorizer.Jwt.Scopes!);
    }

    private static T Read<T>(string fixture) =>
        JsonSerializer.Deserialize(RepositoryPaths.Event(fixture), (JsonTypeInfo<T>)LambdaJsonContext.Default.GetTypeInfo(typeof(T))!)!;

    private static SesReceiptNotification Ses(string body) =>
        JsonSerializer.Deserialize(body, SesJsonContext.Default.SesReceiptNotification)!;

    [SuppressMessage("Security", "CA5351", Justification = "SQS digests bodies with MD5; the test checks the fixtures carry the digest SQS would.")]
    private static string Md5(string body) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
}
