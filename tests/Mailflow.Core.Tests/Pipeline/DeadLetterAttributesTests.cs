using Mailflow.Core.Pipeline;

namespace Mailflow.Core.Tests.Pipeline;

public class DeadLetterAttributesTests
{
    [Fact]
    public void Characters_SQS_refuses_in_attributes_are_replaced_and_the_rest_is_kept()
    {
        var text = "bad\u0000input\u0007 ok\ttab\r\nü 😀 \uFFFE";

        Assert.Equal("bad?input? ok\ttab\r\nü 😀 ?", DeadLetterAttributes.Printable(text));
    }

    [Fact]
    public void A_long_error_is_cut_to_the_maximum_length()
    {
        Assert.Equal(DeadLetterAttributes.MaxErrorLength, DeadLetterAttributes.Printable(new string('x', 10_000)).Length);
    }
}
