using System.Text.Json;
using Mailflow.Core.Redaction;

namespace Mailflow.Core.Tests.Redaction;

public class JsonRedactionTests
{
    [Fact]
    public void A_json_body_is_masked_value_by_value_and_stays_valid_json_when_an_escape_precedes_an_address()
    {
        const string body = """{"subject":"line one\nbob@example.com","to":["ann@example.org"],"size":3}""";

        var masked = JsonRedaction.AddressesInBody(body);

        using var document = JsonDocument.Parse(masked);
        Assert.Equal("line one\nb***@example.com", document.RootElement.GetProperty("subject").GetString());
        Assert.Equal("a***@example.org", document.RootElement.GetProperty("to")[0].GetString());
        Assert.Equal(3, document.RootElement.GetProperty("size").GetInt32());
    }

    [Fact]
    public void A_body_that_is_not_json_is_masked_as_text()
    {
        Assert.Equal("hello b***@example.com {", JsonRedaction.AddressesInBody("hello bob@example.com {"));
    }
}
