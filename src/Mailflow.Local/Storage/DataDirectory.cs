namespace Mailflow.Local.Storage;

/// <summary>
/// The local data directory: <c>mailflow.db</c> (queues and ledger), <c>raw/</c> (received mail, as the SES S3 action
/// would store it), <c>attachments/</c> and <c>envelopes/</c> (what the pipeline stores), <c>outbox/</c> (outbound
/// mail captured when no relay is configured), <c>inbound-state.json</c>.
/// Storage keys map to paths below it; a key that would escape it is refused.
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Database => Path.Combine(Root, "mailflow.db");

    public string InboundState => Path.Combine(Root, "inbound-state.json");

    /// <summary>Where <c>CaptureMailSender</c> writes outbound mail when no SMTP relay is configured.</summary>
    public string Outbox => Path.Combine(Root, "outbox");

    /// <summary>The bucket name local notifications carry, standing in for the S3 bucket.</summary>
    public const string Bucket = "mailflow-local";

    public string PathOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || key.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The storage key '{key}' points outside the data directory.", nameof(key));
        }
        return path;
    }
}
