using Mailflow.Core.Outbound;
using Mailflow.Core.Policy;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Outbound;

public class OutboundReaderTests
{
    private static OutboundProblem ReadFails(string json)
    {
        var ex = Assert.Throws<OutboundInvalidException>(() => OutboundReader.Read(json));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(ReasonCodes.InvalidEnvelope, problem.ReasonCode);
        Assert.Equal(ReasonCodes.InvalidEnvelope, ex.ReasonCode);
        return problem;
    }

    [Fact]
    public void A_valid_envelope_is_read_with_every_field()
    {
        var envelope = OutboundReader.Read(OutboundSamples.ValidJson);

        Assert.Equal(OutboundEnvelope.SchemaName, envelope.Schema);
        Assert.Equal("app1", envelope.App);
        Assert.Equal("order-4711", envelope.IdempotencyKey);
        Assert.Equal("_app1@example.com", envelope.From!.Address);
        Assert.Equal("App One", envelope.From.Name);
        Assert.Equal("ann@customer.example", Assert.Single(envelope.To!).Address);
        Assert.Equal("Your order", envelope.Subject);
        Assert.Equal("Thank you.", envelope.Text);
        Assert.Null(envelope.Html);
        Assert.Null(envelope.Bcc);
    }

    [Fact]
    public void A_snake_case_idempotency_key_is_an_unknown_property_that_names_the_camel_case_one()
    {
        var problem = ReadFails(OutboundSamples.ValidJson.Replace("\"idempotencyKey\"", "\"idempotency_key\"", StringComparison.Ordinal));

        Assert.Equal("$.idempotency_key", problem.Path);
        Assert.Contains("unknown property", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'idempotencyKey'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_names_are_case_sensitive()
    {
        var problem = ReadFails(OutboundSamples.ValidJson.Replace("\"subject\"", "\"Subject\"", StringComparison.Ordinal));

        Assert.Equal("$.Subject", problem.Path);
        Assert.Contains("'subject'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_property_inside_an_address_is_reported_at_its_path()
    {
        var problem = ReadFails(OutboundSamples.ValidJson.Replace("\"name\": \"Ann\"", "\"display\": \"Ann\"", StringComparison.Ordinal));

        Assert.Equal("$.to[0].display", problem.Path);
        Assert.DoesNotContain("Did you mean", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"subject\": \"Your order\"", "\"subject\": 42", "$.subject", "a string")]
    [InlineData("\"text\": \"Thank you.\"", "\"text\": \"Thank you.\", \"autoReply\": \"true\"", "$.autoReply", "true or false")]
    [InlineData("\"to\": [{ \"address\": \"ann@customer.example\", \"name\": \"Ann\" }]", "\"to\": \"ann@customer.example\"", "$.to", "an array")]
    [InlineData("\"from\": { \"address\": \"_app1@example.com\", \"name\": \"App One\" }", "\"from\": \"_app1@example.com\"", "$.from", "\"address\"")]
    public void A_value_of_the_wrong_type_is_reported_at_its_path_with_the_type_expected(string find, string replace, string path, string expected)
    {
        var problem = ReadFails(OutboundSamples.ValidJson.Replace(find, replace, StringComparison.Ordinal));

        Assert.Equal(path, problem.Path);
        Assert.StartsWith("wrong type of value", problem.Message, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"schema\": \"mailflow.outbound.v1\",")]
    [InlineData("")]
    public void Text_that_is_not_json_is_one_problem_with_a_line(string json)
    {
        var problem = ReadFails(json);

        Assert.StartsWith("$", problem.Path, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", problem.Message, StringComparison.Ordinal);
        Assert.Contains("at line 1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_null_is_not_an_envelope()
    {
        var problem = ReadFails("null");

        Assert.Equal("$", problem.Path);
        Assert.Contains("JSON null", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_given_twice_is_refused()
    {
        var problem = ReadFails(OutboundSamples.ValidJson.Replace("\"subject\": \"Your order\"", "\"subject\": \"a\", \"subject\": \"b\"", StringComparison.Ordinal));

        Assert.Equal("$.subject", problem.Path);
        Assert.Contains("appears twice", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_character_in_an_unknown_property_name_does_not_reach_the_message_raw()
    {
        var ex = Assert.Throws<OutboundInvalidException>(() => OutboundReader.Read("{\"bad\\r\\nname\": 1}"));

        Assert.DoesNotContain('\r', ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
