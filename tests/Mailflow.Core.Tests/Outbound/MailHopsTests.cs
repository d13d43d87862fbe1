using Mailflow.Core.Outbound;
using MimeKit;

namespace Mailflow.Core.Tests.Outbound;

public class MailHopsTests
{
    private static HeaderList Headers(params string[] hops)
    {
        var headers = new HeaderList { { "From", "alice@partner.example" }, { "Subject", "Re: invoice" } };
        foreach (var value in hops)
        {
            headers.Add(MailHops.HeaderName, value);
        }
        return headers;
    }

    [Fact]
    public void The_header_name_is_X_Mailflow_Hops()
    {
        Assert.Equal("X-Mailflow-Hops", MailHops.HeaderName);
    }

    [Fact]
    public void Read_WithoutTheHeader_IsZero()
    {
        Assert.Equal(0, MailHops.Read(Headers()));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData(" 7 ", 7)]
    [InlineData("007", 7)]
    public void Read_ANumber_IsThatNumber(string value, int expected)
    {
        Assert.Equal(expected, MailHops.Read(Headers(value)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("three")]
    [InlineData("-2")]
    [InlineData("+2")]
    [InlineData("2.5")]
    [InlineData("1 2")]
    [InlineData("٣")]
    public void Read_GarbageOnly_IsZero(string value)
    {
        Assert.Equal(0, MailHops.Read(Headers(value)));
    }

    [Fact]
    public void Read_SeveralHeaders_TakesTheLargestValidOne()
    {
        Assert.Equal(4, MailHops.Read(Headers("2", "garbage", "4", "1")));
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999999999999999")]
    public void Read_AForgedHugeNumber_CountsAsHuge(string value)
    {
        Assert.Equal(int.MaxValue, MailHops.Read(Headers("1", value)));
    }

    [Fact]
    public void Read_MatchesTheHeaderNameWithoutRegardToCase()
    {
        var headers = new HeaderList { { "x-mailflow-hops", "2" }, { "X-MAILFLOW-HOPS", "5" } };

        Assert.Equal(5, MailHops.Read(headers));
    }
}
