using Mailflow.Core.Configuration;
using Mailflow.Core.Policy;

namespace Mailflow.Core.Tests.Policy;

public class InboundPolicyTests
{
    private static readonly AppPolicy s_default = AppPolicy.From(new AppConfig { Name = "app1" }, EffectiveLimits.Defaults, EffectiveVerdictPolicy.Defaults);

    private static ReceiptVerdicts With(string verdict, string status) => verdict switch
    {
        "spf" => ReceiptVerdicts.AllPass with { Spf = status },
        "dkim" => ReceiptVerdicts.AllPass with { Dkim = status },
        "dmarc" => ReceiptVerdicts.AllPass with { Dmarc = status },
        "spam" => ReceiptVerdicts.AllPass with { Spam = status },
        _ => ReceiptVerdicts.AllPass with { Virus = status },
    };

    // The default table, verdict by verdict and status by status (LESSONS.md: every verdict policy tested).
    [Theory]
    [InlineData("spf", "PASS", PolicyAction.Accept)]
    [InlineData("spf", "FAIL", PolicyAction.Accept)]
    [InlineData("spf", "GRAY", PolicyAction.Accept)]
    [InlineData("spf", "PROCESSING_FAILED", PolicyAction.Accept)]
    [InlineData("dkim", "PASS", PolicyAction.Accept)]
    [InlineData("dkim", "FAIL", PolicyAction.Accept)]
    [InlineData("dkim", "GRAY", PolicyAction.Accept)]
    [InlineData("dkim", "PROCESSING_FAILED", PolicyAction.Accept)]
    [InlineData("dmarc", "PASS", PolicyAction.Accept)]
    [InlineData("dmarc", "FAIL", PolicyAction.Quarantine)]
    [InlineData("dmarc", "GRAY", PolicyAction.Accept)]
    [InlineData("dmarc", "PROCESSING_FAILED", PolicyAction.Accept)]
    [InlineData("spam", "PASS", PolicyAction.Accept)]
    [InlineData("spam", "FAIL", PolicyAction.Quarantine)]
    [InlineData("spam", "GRAY", PolicyAction.Accept)]
    [InlineData("spam", "PROCESSING_FAILED", PolicyAction.Accept)]
    [InlineData("virus", "PASS", PolicyAction.Accept)]
    [InlineData("virus", "FAIL", PolicyAction.Reject)]
    [InlineData("virus", "GRAY", PolicyAction.Accept)]
    [InlineData("virus", "PROCESSING_FAILED", PolicyAction.Quarantine)]
    [InlineData("virus", "DISABLED", PolicyAction.Accept)]
    public void Evaluate_DefaultVerdictTable_GivesDocumentedAction(string verdict, string status, PolicyAction expected)
    {
        var decision = InboundPolicy.Evaluate(s_default, "ann@sender.example", With(verdict, status));

        Assert.Equal(expected, decision.Action);
        Assert.Equal(expected == PolicyAction.Accept ? null : $"verdict-{verdict}-{status.ToLowerInvariant()}", decision.ReasonCode);
    }

    [Fact]
    public void Evaluate_UnknownStatus_IsQuarantinedNotAccepted()
    {
        var decision = InboundPolicy.Evaluate(s_default, "ann@sender.example", With("spam", "SOMETHING_NEW"));

        Assert.Equal(PolicyAction.Quarantine, decision.Action);
        Assert.Equal("verdict-spam-something_new", decision.ReasonCode);
    }

    [Fact]
    public void Evaluate_SeveralFailures_MostSevereWinsAndIsReported()
    {
        var verdicts = new ReceiptVerdicts("FAIL", "FAIL", "FAIL", "FAIL", "FAIL");

        var decision = InboundPolicy.Evaluate(s_default, "ann@sender.example", verdicts);

        Assert.Equal(PolicyAction.Reject, decision.Action);
        Assert.Equal("verdict-virus-fail", decision.ReasonCode);
    }

    [Fact]
    public void Evaluate_AppOverridesGlobalAndDefaults()
    {
        var global = EffectiveVerdictPolicy.Defaults.With(new VerdictPolicyConfig { Spf = new Dictionary<string, string> { ["FAIL"] = "quarantine" } });
        var app = new AppConfig { Name = "strict", Verdicts = new VerdictPolicyConfig { Virus = new Dictionary<string, string> { ["GRAY"] = "reject" } } };
        var policy = AppPolicy.From(app, EffectiveLimits.Defaults, global);

        Assert.Equal(PolicyAction.Quarantine, InboundPolicy.Evaluate(policy, "a@b.example", With("spf", "FAIL")).Action);
        Assert.Equal(PolicyAction.Reject, InboundPolicy.Evaluate(policy, "a@b.example", With("virus", "GRAY")).Action);
        Assert.Equal(PolicyAction.Quarantine, InboundPolicy.Evaluate(policy, "a@b.example", With("dmarc", "FAIL")).Action);
    }

    [Fact]
    public void Evaluate_SenderOnBlockList_IsRejectedEvenWhenAllowed()
    {
        var app = new AppConfig { Name = "a", Senders = new SenderPolicyConfig { Allow = ["*@partner.example"], Block = ["mallory@partner.example"] } };
        var policy = AppPolicy.From(app, EffectiveLimits.Defaults, EffectiveVerdictPolicy.Defaults);

        var decision = InboundPolicy.Evaluate(policy, "Mallory@Partner.Example", ReceiptVerdicts.AllPass);

        Assert.Equal(PolicyAction.Reject, decision.Action);
        Assert.Equal(ReasonCodes.SenderBlocked, decision.ReasonCode);
    }

    [Theory]
    [InlineData("alice@partner.example", PolicyAction.Accept)]
    [InlineData("alice@evil.example", PolicyAction.Reject)]
    [InlineData(null, PolicyAction.Reject)]
    public void Evaluate_AllowList_AdmitsOnlyMatchingSenders(string? sender, PolicyAction expected)
    {
        var app = new AppConfig { Name = "a", Senders = new SenderPolicyConfig { Allow = ["*@partner.example"] } };
        var policy = AppPolicy.From(app, EffectiveLimits.Defaults, EffectiveVerdictPolicy.Defaults);

        Assert.Equal(expected, InboundPolicy.Evaluate(policy, sender, ReceiptVerdicts.AllPass).Action);
    }
}
