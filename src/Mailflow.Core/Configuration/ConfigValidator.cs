using System.Text.RegularExpressions;
using Mailflow.Core.Policy;

namespace Mailflow.Core.Configuration;

/// <summary>
/// Every semantic rule of mailflow.json, each problem reported with its JSON path and what to do.
/// Validation collects all problems rather than stopping at the first, so one run of
/// <c>mailflow config check</c> shows everything to fix.
/// </summary>
public static partial class ConfigValidator
{
    private const long SesMaxMessageBytes = EffectiveLimits.DefaultMaxMessageBytes;

    private static readonly string[] s_reservedAppNames = ["inbound", "outbound", "quarantine", "unroutable"];

    public static IReadOnlyList<ConfigProblem> Validate(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<ConfigProblem>();
        void Problem(string path, string message) => problems.Add(new ConfigProblem(path, message));

        if (!EnvironmentName().IsMatch(config.Environment ?? ""))
        {
            Problem("$.environment", $"'{config.Environment}' is not a valid environment name; use 1-20 lowercase letters, digits or hyphens, starting with a letter (e.g. local, dev, prod).");
        }

        // JSON null where an object belongs: defaults apply only when the property is absent.
        foreach (var (name, value) in new (string, object?)[]
        {
            ("unroutable", config.Unroutable), ("limits", config.Limits), ("verdicts", config.Verdicts),
            ("retention", config.Retention), ("links", config.Links), ("queues", config.Queues),
            ("outbound", config.Outbound), ("api", config.Api), ("dashboard", config.Dashboard),
        })
        {
            if (value is null)
            {
                Problem($"$.{name}", "is null; remove the property to use the defaults, or give an object.");
            }
        }

        ValidateDomains(config, Problem);
        ValidateApps(config, Problem);
        ValidateUnroutable(config, Problem);
        ValidateLimits("$.limits", config.Limits, Problem);
        if (config.Verdicts is not null)
        {
            ValidateVerdicts("$.verdicts", config.Verdicts, Problem);
        }
        ValidateRetention(config.Retention, Problem);
        ValidateLinks(config.Links, Problem);
        if (config.Queues is { MaxReceiveCount: < 5 or > 1000 } queues)
        {
            Problem("$.queues.maxReceiveCount", $"{queues.MaxReceiveCount} is out of range; use 5 to 1000 (SQS allows up to 1000; fewer than 5 dead-letters mail after a couple of crashed consumers).");
        }
        if (config.Outbound is not null)
        {
            ValidateOutbound(config.Outbound, Problem);
        }
        if (config.Api is not null)
        {
            ValidateApi(config.Api, Problem);
        }
        if (config.Dashboard is not null)
        {
            ValidateDashboard(config.Dashboard, Problem);
        }
        return problems;
    }

    private static void ValidateDomains(MailflowConfig config, Action<string, string> problem)
    {
        if (config.Domains is not { Count: > 0 })
        {
            problem("$.domains", "at least one domain is required; list the domains whose mail Mailflow receives, e.g. [\"example.com\"].");
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < config.Domains.Count; i++)
        {
            var domain = config.Domains[i] ?? "";
            if (!DomainName().IsMatch(domain))
            {
                problem($"$.domains[{i}]", $"'{domain}' is not a domain name; write it like example.com, without @ or spaces.");
            }
            else if (!seen.Add(domain))
            {
                problem($"$.domains[{i}]", $"'{domain}' is listed twice; remove the duplicate.");
            }
        }
    }

    private static void ValidateApps(MailflowConfig config, Action<string, string> problem)
    {
        if (config.Apps is not { Count: > 0 })
        {
            problem("$.apps", "at least one app is required; add one like {\"name\": \"invoices\"}.");
            return;
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var addresses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var domains = new HashSet<string>(config.Domains ?? [], StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < config.Apps.Count; i++)
        {
            var app = config.Apps[i];
            var path = $"$.apps[{i}]";
            if (app is null)
            {
                problem(path, "is null; an app is an object like {\"name\": \"invoices\"}.");
                continue;
            }
            var name = app.Name ?? "";
            if (!AppName().IsMatch(name))
            {
                problem($"{path}.name", $"'{name}' is not a valid app name; use 1-40 lowercase letters, digits or hyphens, starting with a letter or digit (mail to _Name@ still routes: matching ignores case).");
            }
            else if (s_reservedAppNames.Contains(name) || name.EndsWith("-dlq", StringComparison.Ordinal))
            {
                problem($"{path}.name", $"'{name}' would collide with one of Mailflow's own queues; choose another name.");
            }
            else if (!names.Add(name))
            {
                problem($"{path}.name", $"the app name '{name}' is used twice; app names must be unique.");
            }

            if (app.Addresses is null)
            {
                problem($"{path}.addresses", "is null; remove it or give a list of addresses.");
            }
            if (app.Senders is null || app.Senders.Allow is null || app.Senders.Block is null)
            {
                problem($"{path}.senders", "has a null list; remove it, or give \"allow\" and \"block\" as lists (empty lists allow everyone).");
            }
            for (var j = 0; j < (app.Addresses?.Count ?? 0); j++)
            {
                var address = app.Addresses![j] ?? "";
                var at = address.LastIndexOf('@');
                if (at <= 0 || address.Contains(' ', StringComparison.Ordinal))
                {
                    problem($"{path}.addresses[{j}]", $"'{address}' is not an address or pattern; write it like billing@acme.com or invoices-*@acme.com.");
                }
                else if (!domains.Contains(address[(at + 1)..]))
                {
                    problem($"{path}.addresses[{j}]", $"the domain of '{address}' is not in $.domains; add the domain there or fix the address (Mailflow only receives mail for its domains).");
                }
                else if (addresses.TryGetValue(address, out var owner))
                {
                    problem($"{path}.addresses[{j}]", $"'{address}' is already claimed by app '{owner}'; an address routes to one app.");
                }
                else
                {
                    addresses[address] = name;
                }
            }
            ValidatePatterns($"{path}.senders.allow", app.Senders?.Allow, problem);
            ValidatePatterns($"{path}.senders.block", app.Senders?.Block, problem);
            if (app.Limits is not null)
            {
                ValidateLimits($"{path}.limits", app.Limits, problem);
            }
            if (app.Verdicts is not null)
            {
                ValidateVerdicts($"{path}.verdicts", app.Verdicts, problem);
            }
        }
    }

    private static void ValidatePatterns(string path, IReadOnlyList<string>? patterns, Action<string, string> problem)
    {
        for (var i = 0; i < (patterns?.Count ?? 0); i++)
        {
            var pattern = patterns![i] ?? "";
            if (!pattern.Contains('@', StringComparison.Ordinal) || pattern.Contains(' ', StringComparison.Ordinal))
            {
                problem($"{path}[{i}]", $"'{pattern}' is not an address pattern; write it like someone@partner.example or *@partner.example.");
            }
        }
    }

    private static void ValidateUnroutable(MailflowConfig config, Action<string, string> problem)
    {
        var unroutable = config.Unroutable ?? new UnroutableConfig();
        switch (unroutable.Action)
        {
            case UnroutableConfig.Quarantine when unroutable.App is not null:
                problem("$.unroutable.app", "an app is only used with \"action\": \"catchAll\"; remove it, or set the action to catchAll.");
                break;
            case UnroutableConfig.Quarantine:
                break;
            case UnroutableConfig.CatchAll when string.IsNullOrEmpty(unroutable.App):
                problem("$.unroutable.app", "catchAll needs the name of the app that takes unroutable mail.");
                break;
            case UnroutableConfig.CatchAll when !(config.Apps ?? []).Any(a => string.Equals(a.Name, unroutable.App, StringComparison.OrdinalIgnoreCase)):
                problem("$.unroutable.app", $"no app is named '{unroutable.App}'; name one of the apps in $.apps.");
                break;
            case UnroutableConfig.CatchAll:
                break;
            default:
                problem("$.unroutable.action", $"'{unroutable.Action}' is not an action; use \"quarantine\" or \"catchAll\".");
                break;
        }
    }

    private static void ValidateLimits(string path, LimitsConfig? limits, Action<string, string> problem)
    {
        if (limits is null)
        {
            return;
        }
        if (limits.MaxMessageBytes is { } max and (< 1024 or > SesMaxMessageBytes))
        {
            problem($"{path}.maxMessageBytes", $"{max} is out of range; use 1024 to {SesMaxMessageBytes} (40 MiB, the most SES accepts).");
        }
        if (limits.MaxAttachments is { } count and (< 0 or > 1000))
        {
            problem($"{path}.maxAttachments", $"{count} is out of range; use 0 to 1000.");
        }
        if (limits.MaxAttachmentBytes is { } attachment and (< 1 or > SesMaxMessageBytes))
        {
            problem($"{path}.maxAttachmentBytes", $"{attachment} is out of range; use 1 to {SesMaxMessageBytes}.");
        }
        if (limits.MaxEnvelopeBytes is { } envelope and (< 16 * 1024 or > 1024 * 1024))
        {
            problem($"{path}.maxEnvelopeBytes", $"{envelope} is out of range; use 16384 to 1048576 (SQS's largest message).");
        }
        if (limits.OnAttachmentViolation is { } action && !EffectiveLimits.TryParseViolationAction(action, out _))
        {
            problem($"{path}.onAttachmentViolation", $"'{action}' is not an action; use \"strip\", \"quarantine\" or \"reject\".");
        }
        for (var i = 0; i < (limits.BlockedExtensions?.Count ?? 0); i++)
        {
            var extension = limits.BlockedExtensions![i] ?? "";
            if (!Extension().IsMatch(extension))
            {
                problem($"{path}.blockedExtensions[{i}]", $"'{extension}' is not a file extension; write it like exe or .exe.");
            }
        }
    }

    private static void ValidateVerdicts(string path, VerdictPolicyConfig verdicts, Action<string, string> problem)
    {
        Check("spf", verdicts.Spf);
        Check("dkim", verdicts.Dkim);
        Check("dmarc", verdicts.Dmarc);
        Check("spam", verdicts.Spam);
        Check("virus", verdicts.Virus);

        void Check(string name, IReadOnlyDictionary<string, string>? table)
        {
            foreach (var (status, action) in table ?? new Dictionary<string, string>())
            {
                if (!EffectiveVerdictPolicy.Statuses.Contains(status))
                {
                    problem($"{path}.{name}.{status}", $"'{status}' is not an SES verdict status; use {string.Join(", ", EffectiveVerdictPolicy.Statuses)}.");
                }
                if (!EffectiveVerdictPolicy.TryParseAction(action ?? "", out _))
                {
                    problem($"{path}.{name}.{status}", $"'{action}' is not an action; use \"accept\", \"quarantine\" or \"reject\".");
                }
            }
        }
    }

    private static void ValidateRetention(RetentionConfig? retention, Action<string, string> problem)
    {
        if (retention is null)
        {
            return;
        }
        Days("rawMailDays", retention.RawMailDays);
        Days("attachmentDays", retention.AttachmentDays);
        Days("ledgerDays", retention.LedgerDays);
        if (retention.QueueMessageSeconds is < 60 or > 1_209_600)
        {
            problem("$.retention.queueMessageSeconds", $"{retention.QueueMessageSeconds} is out of range; SQS keeps messages 60 to 1209600 seconds (14 days).");
        }

        void Days(string name, int value)
        {
            if (value is < 1 or > 3650)
            {
                problem($"$.retention.{name}", $"{value} is out of range; use 1 to 3650 days.");
            }
        }
    }

    private static void ValidateLinks(LinksConfig? links, Action<string, string> problem)
    {
        if (links is null)
        {
            return;
        }
        if (!Uri.TryCreate(links.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem("$.links.baseUrl", $"'{links.BaseUrl}' is not an http(s) URL; give the address the API is reached at, e.g. https://mail-api.example.com.");
        }
        if (links.TtlHours is < 1 or > 8760)
        {
            problem("$.links.ttlHours", $"{links.TtlHours} is out of range; use 1 to 8760 hours.");
        }
    }

    // Environment ≤ 20 and app ≤ 40 characters keep mailflow-{env}-{app}-dlq within SQS's 80-character
    // queue names (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html).
    [GeneratedRegex("^[a-z][a-z0-9-]{0,19}$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex AppName();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^\.?[A-Za-z0-9]{1,16}$")]
    private static partial Regex Extension();
}
