using Mailflow.Core.Envelopes;

namespace Mailflow.Core.Tests.Envelopes;

public class StorageKeysTests
{
    [Fact]
    public void KeyOfLinkId_MapsEveryLinkIdBackToItsKey()
    {
        Assert.Equal(StorageKeys.Attachment("0190abc", 3), StorageKeys.KeyOfLinkId(StorageKeys.AttachmentId("0190abc", 3)));
        var envelopeId = StorageKeys.EnvelopeId("0190abc", "app1");
        Assert.Equal(StorageKeys.ClaimCheck(envelopeId), StorageKeys.KeyOfLinkId(StorageKeys.ClaimCheckId(envelopeId)));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b.a1")]
    [InlineData("noindex")]
    [InlineData("x.a-1")]
    [InlineData("x.afoo")]
    public void KeyOfLinkId_RefusesIdsItDidNotMint(string id)
    {
        Assert.Null(StorageKeys.KeyOfLinkId(id));
    }
}
