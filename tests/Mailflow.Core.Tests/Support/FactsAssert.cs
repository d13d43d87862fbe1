using Mailflow.Core.Ports;

namespace Mailflow.Core.Tests.Support;

/// <summary>Compares <see cref="MailFacts"/> by value: the record's recipient list compares by reference.</summary>
public static class FactsAssert
{
    public static void Equal(MailFacts expected, MailFacts? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.NotNull(actual);
        Assert.Equal((expected.Direction, expected.From, expected.Subject), (actual.Direction, actual.From, actual.Subject));
        Assert.Equal(expected.Recipients, actual.Recipients);
    }
}
