namespace Mailflow.Core.Configuration;

/// <summary>Attachment download links: served by the API, signed with an expiring HMAC token.</summary>
public sealed record LinksConfig
{
    public string BaseUrl { get; set; } = "http://127.0.0.1:8025";
    public int TtlHours { get; set; } = 168;
}
