namespace Mailflow.Core.Configuration;

/// <summary>One application: it receives mail for <c>_name@domain</c> of every configured domain plus its extra addresses.</summary>
public sealed record AppConfig
{
    public string Name { get; set; } = "";

    /// <summary>Extra addresses or patterns (<c>*</c> matches any run of characters), e.g. <c>billing@acme.com</c>, <c>invoices-*@acme.com</c>.</summary>
    public IReadOnlyList<string> Addresses { get; set; } = [];

    public SenderPolicyConfig Senders { get; set; } = new();

    /// <summary>Overrides of the global verdict policy; unset entries inherit.</summary>
    public VerdictPolicyConfig? Verdicts { get; set; }

    /// <summary>Overrides of the global limits; unset entries inherit.</summary>
    public LimitsConfig? Limits { get; set; }
}
