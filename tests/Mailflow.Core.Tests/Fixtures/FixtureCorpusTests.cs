using System.Text.Json.Nodes;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Fixtures;

/// <summary>
/// Runs the whole inbound pipeline over every real-world fixture and compares each destination with
/// the fixture's expectations, which were derived from the raw bytes independently of this code.
/// </summary>
public class FixtureCorpusTests
{
    public static TheoryData<string> Fixtures() => [.. MailFixture.Names()];

    [Fact]
    public void The_corpus_has_at_least_thirty_fixtures_each_with_expectations()
    {
        var names = MailFixture.Names().ToList();

        Assert.True(names.Count >= 30, $"only {names.Count} fixtures");
        Assert.All(names, name => Assert.True(File.Exists(Path.Combine(RepositoryPaths.MailFixtures, name + ".expected.json")), name));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_produces_its_expected_destinations(string name)
    {
        var fixture = MailFixture.Load(name);
        var pipeline = new TestPipeline(TestPipeline.LoadConfig(MailFixture.ConfigPath));

        var result = await pipeline.ReceiveAsync(fixture.Raw, fixture.Recipients(), $"fixture-{name}", fixture.Verdicts(), fixture.MailFrom);

        var expectedResults = fixture.Expected["results"]!.AsArray();
        var differences = new List<string>();
        Assert.Equal(expectedResults.Count, result.Deliveries.Count);
        foreach (var expected in expectedResults.Select(r => r!.AsObject()))
        {
            var outcome = expected["outcome"]!.GetValue<string>();
            var app = expected["app"]?.GetValue<string>();
            var delivery = result.Deliveries.SingleOrDefault(d => d.Outcome.ToString().Equals(outcome, StringComparison.OrdinalIgnoreCase) && d.App == app);
            if (delivery is null)
            {
                differences.Add($"no {outcome} result for app {app ?? "null"}; got {string.Join(", ", result.Deliveries.Select(d => $"{d.Outcome}/{d.App}/{d.ReasonCode}"))}");
                continue;
            }
            if (expected["reasonCode"] is { } reasonCode && reasonCode.GetValue<string>() != delivery.ReasonCode)
            {
                differences.Add($"{outcome}/{app}: reasonCode expected {reasonCode}, got {delivery.ReasonCode}");
            }
            if (expected["envelope"] is JsonObject envelope)
            {
                Assert.NotNull(delivery.Envelope);
                var actual = JsonNode.Parse(EnvelopePublisher.Serialize(delivery.Envelope));
                differences.AddRange(PartialJson.Differences(envelope, actual, $"{outcome}/{app}"));
            }
        }
        Assert.True(differences.Count == 0, $"{name} ({fixture.Expected["covers"]}):\n" + string.Join("\n", differences));
    }
}
