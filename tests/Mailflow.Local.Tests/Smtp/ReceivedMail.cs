using System.Text;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>What <see cref="RecordingReceiver"/> was handed at the end of DATA.</summary>
public sealed record ReceivedMail(string ReversePath, IReadOnlyList<string> Recipients, byte[] Content, bool WasSeekable, long StartPosition, string? SpoolPath)
{
    public string Text => Encoding.UTF8.GetString(Content);
}
