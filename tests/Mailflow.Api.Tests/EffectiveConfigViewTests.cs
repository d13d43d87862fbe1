using System.Text.Json;
using Mailflow.Api.Views;
using Mailflow.Core.Configuration;

namespace Mailflow.Api.Tests;

/// <summary>What <c>GET /api/config/effective</c> shows: defaults, then global settings, then an app's overrides.</summary>
public sealed class EffectiveConfigViewTests
{
    private static readonly MailflowConfig s_config = new()
    {
        Environment = "prod",
        Domains = ["example.com", "acme.com"],
        Apps =
        [
            new AppConfig
            {
                Name = "Invoices",
                Addresses = ["billing@acme.com", "invoices-*@acme.com"],
                Senders = new SenderPolicyConfig { Block = ["spammer@bad.example"] },
                Limits = new LimitsConfig { MaxAttachments = 3, BlockedExtensions = ["exe", ".zip"] },
            },
            new AppConfig { Name = "partners", Verdicts = new VerdictPolicyConfig { Spf = new Dictionary<string, string> { ["FAIL"] = "reject" } } },
        ],
        Unroutable = new UnroutableConfig { Action = UnroutableConfig.CatchAll, App = "partners" },
        Limits = new LimitsConfig { MaxMessageBytes = 1_048_576, OnAttachmentViolation = "quarantine" },
        Verdicts = new VerdictPolicyConfig { Spam = new Dictionary<string, string> { ["FAIL"] = "reject" } },
    };

    [Fact]
    public void From_lists_each_apps_default_addresses_on_every_domain_then_its_extra_ones_and_its_queues()
    {
        var invoices = EffectiveConfigView.From(s_config).Apps[0];

        Assert.Equal("invoices", invoices.Name);
        Assert.Equal(["_invoices@example.com", "_invoices@acme.com"], invoices.Addresses);
        Assert.Equal(["billing@acme.com", "invoices-*@acme.com"], invoices.ExtraAddresses);
        Assert.Equal(["spammer@bad.example"], invoices.Senders.Block);
        Assert.Equal("mailflow-prod-invoices", invoices.Queue);
        Assert.Equal("mailflow-prod-invoices-dlq", invoices.DeadLetterQueue);
    }

    [Fact]
    public void From_merges_limits_app_over_global_over_defaults()
    {
        var view = EffectiveConfigView.From(s_config);

        var global = view.Global.Limits;
        Assert.Equal(1_048_576, global.MaxMessageBytes);
        Assert.Equal(50, global.MaxAttachments);
        Assert.Equal("quarantine", global.OnAttachmentViolation);
        Assert.Contains("exe", global.BlockedExtensions);
        var invoices = view.Apps[0].Policy.Limits;
        Assert.Equal(1_048_576, invoices.MaxMessageBytes);
        Assert.Equal(3, invoices.MaxAttachments);
        Assert.Equal(["exe", "zip"], invoices.BlockedExtensions);
        Assert.Equal(view.Global.Limits.MaxAttachments, view.Apps[1].Policy.Limits.MaxAttachments);
    }

    [Fact]
    public void From_merges_verdicts_app_over_global_over_defaults_with_every_status()
    {
        var view = EffectiveConfigView.From(s_config);

        Assert.Equal(["spf", "dkim", "dmarc", "spam", "virus"], view.Global.Verdicts.Keys);
        Assert.All(view.Global.Verdicts.Values, statuses => Assert.Equal(["PASS", "FAIL", "GRAY", "PROCESSING_FAILED", "DISABLED"], statuses.Keys));
        Assert.Equal("reject", view.Global.Verdicts["spam"]["FAIL"]);
        Assert.Equal("quarantine", view.Global.Verdicts["dmarc"]["FAIL"]);
        Assert.Equal("accept", view.Global.Verdicts["spf"]["FAIL"]);
        Assert.Equal("quarantine", view.Global.Verdicts["virus"]["PROCESSING_FAILED"]);
        var partners = view.Apps[1].Policy.Verdicts;
        Assert.Equal("reject", partners["spf"]["FAIL"]);
        Assert.Equal("reject", partners["spam"]["FAIL"]);
        Assert.Equal("accept", view.Apps[0].Policy.Verdicts["spf"]["FAIL"]);
    }

    [Fact]
    public void From_names_the_catch_all_app_and_its_queue_or_the_quarantine_queue()
    {
        var catchAll = EffectiveConfigView.From(s_config).Unroutable;
        var quarantine = EffectiveConfigView.From(s_config with { Unroutable = new UnroutableConfig() }).Unroutable;

        Assert.Equal(new EffectiveUnroutableView("catchAll", "partners", "mailflow-prod-partners"), catchAll);
        Assert.Equal(new EffectiveUnroutableView("quarantine", null, "mailflow-prod-quarantine"), quarantine);
    }

    [Fact]
    public void The_view_serializes_in_camel_case_with_the_verdict_and_status_names_as_keys()
    {
        var json = JsonSerializer.Serialize(EffectiveConfigView.From(s_config), ApiJsonContext.Default.EffectiveConfigView);

        using var document = JsonDocument.Parse(json);
        var app = document.RootElement.GetProperty("apps")[1];
        Assert.Equal("reject", app.GetProperty("policy").GetProperty("verdicts").GetProperty("spf").GetProperty("FAIL").GetString());
        Assert.Equal("mailflow-prod-partners-dlq", app.GetProperty("deadLetterQueue").GetString());
        Assert.Equal(1_048_576, document.RootElement.GetProperty("global").GetProperty("limits").GetProperty("maxMessageBytes").GetInt64());
    }
}
