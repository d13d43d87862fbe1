using System.Text.Json.Nodes;
using Mailflow.Core.Policy;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Fixtures;

/// <summary>One fixture of tests/fixtures/mail: the raw .eml and its hand-derived expectations.</summary>
public sealed record MailFixture(string Name, byte[] Raw, JsonObject Expected)
{
    public static string ConfigPath => Path.Combine(RepositoryPaths.MailFixtures, "mailflow.fixtures.json");

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(RepositoryPaths.MailFixtures, "*.eml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static MailFixture Load(string name)
    {
        var raw = File.ReadAllBytes(Path.Combine(RepositoryPaths.MailFixtures, name + ".eml"));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.MailFixtures, name + ".expected.json")))!.AsObject();
        return new MailFixture(name, raw, expected);
    }

    /// <summary>The recipients the expectation names, or else the mail's To and Cc addresses, as <c>mailflow parse</c> does.</summary>
    public IReadOnlyList<string> Recipients()
    {
        if (Expected["recipients"] is JsonArray listed)
        {
            return [.. listed.Select(n => n!.GetValue<string>())];
        }
        using var stream = new MemoryStream(Raw);
        using var headers = Core.Mail.MailParser.ParseHeaders(stream, CancellationToken.None);
        return [.. headers.To.Mailboxes.Concat(headers.Cc.Mailboxes).Select(m => m.Address)];
    }

    public string MailFrom => Expected["mailFrom"]?.GetValue<string>() ?? "sender@sender.example";

    public ReceiptVerdicts Verdicts()
    {
        var verdicts = ReceiptVerdicts.AllPass;
        if (Expected["verdicts"] is not JsonObject overrides)
        {
            return verdicts;
        }
        string Get(string name, string fallback) => overrides[name]?.GetValue<string>() ?? fallback;
        return new ReceiptVerdicts(Get("spf", "PASS"), Get("dkim", "PASS"), Get("dmarc", "PASS"), Get("spam", "PASS"), Get("virus", "PASS"));
    }

    public override string ToString() => Name;

}
