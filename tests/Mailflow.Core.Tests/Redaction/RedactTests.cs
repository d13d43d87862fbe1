using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mailflow.Core.Redaction;

namespace Mailflow.Core.Tests.Redaction;

public class RedactTests
{
    [Theory]
    [InlineData("john.doe@example.com", "j***@example.com")]
    [InlineData("_invoices+42@acme.com", "_***@acme.com")]
    [InlineData("иван@пример.рф", "и***@пример.рф")]
    [InlineData("👩‍👩‍👧‍👦family@example.com", "👩‍👩‍👧‍👦***@example.com")]
    [InlineData("@example.com", "***@example.com")]
    [InlineData("not-an-address", "***")]
    [InlineData("", "(none)")]
    [InlineData(null, "(none)")]
    public void Address_KeepsFirstTextElementAndDomain(string? address, string expected)
    {
        Assert.Equal(expected, Redact.Address(address));
    }

    [Fact]
    public void Text_SaysOnlyTheLength()
    {
        Assert.Equal("[12 chars]", Redact.Text("Привет мир 😀"));
    }

    private static Arbitrary<string> Unicode() =>
        Gen.OneOf(
                Gen.Elements('a', 'Z', '@', '.', '+', 'ж', 'é', '中', ' ', '\u0301'),
                Gen.Elements("😀", "👩‍👩‍👧", "\uD83D", "\uDE00").SelectMany(s => Gen.Constant(s[0])))
            .ArrayOf().Select(chars => new string(chars))
            .ToArbitrary();

    // Redaction must never throw on any input, including lone surrogates and combining marks:
    // a crash there once lost mail (LESSONS.md).
    [Property(MaxTest = 1000)]
    public Property Address_never_throws_and_shows_at_most_one_text_element_of_the_local_part() =>
        Prop.ForAll(Unicode(), input =>
        {
            var redacted = Redact.Address(input);
            var mask = redacted.IndexOf("***@", StringComparison.Ordinal);
            return redacted is "(none)" or "***" ||
                   (mask >= 0 && new StringInfo(redacted[..mask]).LengthInTextElements <= 1 &&
                    input.TrimEnd().EndsWith(redacted[(mask + 4)..], StringComparison.Ordinal));
        });

    [Fact]
    public void AddressesIn_masks_every_address_in_an_envelope_and_keeps_the_rest()
    {
        var json = """{"from":{"address":"ann.smith@sender.example","name":"Ann"},"to":[{"address":"_invoices@acme.com"}],"envelope":{"recipients":["иван@пример.рф"]},"subject":"Invoice 42"}""";

        var redacted = Redact.AddressesIn(json);

        Assert.Equal("""{"from":{"address":"a***@sender.example","name":"Ann"},"to":[{"address":"_***@acme.com"}],"envelope":{"recipients":["и***@пример.рф"]},"subject":"Invoice 42"}""", redacted);
    }

    [Fact]
    public void AddressesIn_masks_addresses_in_prose_and_angle_brackets()
    {
        Assert.Equal("sender <b***@x.org> is not allowed; reply to c***@y.example.",
            Redact.AddressesIn("sender <bob@x.org> is not allowed; reply to carol@y.example."));
    }

    [Property(MaxTest = 1000)]
    public Property AddressesIn_never_throws_on_any_text() =>
        Prop.ForAll(Unicode(), input =>
        {
            var redacted = Redact.AddressesIn(input);
            return redacted.Length > 0 || input.Length == 0;
        });
}
