using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// The rollback switches on AWS (DESIGN.md §3): pause/resume disables/enables the worker's <b>inbound</b> event source
/// mapping (the outbound one keeps running), disable/enable turns the environment's SES receipt rule off/on. The state is
/// read from both on every <see cref="GetAsync"/>, so a change made in the console or by a deployment shows at once
/// (a switch reuses a rule description at most <see cref="DescriptionReuse"/> old, for SES's one-call-a-second quota):
/// <c>disabled</c> when the rule is off, else <c>paused</c> when the mapping is Disabled/Disabling, else <c>enabled</c>.
/// A switch already in the asked position is not written again. <see cref="InboundStatus.ChangedAt"/> is the mapping's
/// LastModified (SES keeps no time for a rule change), or now when this call has just changed the rule.
/// </summary>
/// <remarks>A later <c>cdk deploy</c> sets both back to what cdk.json says (<c>inboundEnabled</c>, <c>workerPaused</c>): these switches are incident tools.</remarks>
public sealed class AwsInboundControl : IInboundControl
{
    private readonly LambdaEventSourceMappings _mappings;
    private readonly SesReceiptRules _rules;
    private readonly AwsInboundControlOptions _options;
    private readonly TimeProvider _time;

    /// <summary>
    /// The last description of the rule and when it was read. DescribeReceiptRule and UpdateReceiptRule each allow one
    /// call a second (SES quotas); a switch is usually applied right after the state was shown, so an update reuses a
    /// description read within <see cref="DescriptionReuse"/> instead of describing the rule a second time.
    /// </summary>
    private volatile RecentRule? _recentRule;

    /// <summary>How old a rule description a switch may send back whole with only <c>Enabled</c> changed.</summary>
    public static readonly TimeSpan DescriptionReuse = TimeSpan.FromSeconds(2);

    public AwsInboundControl(HttpClient http, AwsInboundControlOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Targets, nameof(options));
        _options = options;
        _time = time;
        _mappings = new LambdaEventSourceMappings(new SignedAwsApi(http, "Lambda", LambdaEventSourceMappings.SigningName, options.Region,
            options.LambdaEndpoint, options.Credentials, time, options.Timeout));
        _rules = new SesReceiptRules(new SignedAwsApi(http, "SES", SesReceiptRules.SigningName, options.Region,
            options.SesEndpoint, options.Credentials, time, options.Timeout));
    }

    public async Task<InboundStatus> GetAsync(CancellationToken cancellationToken)
    {
        var targets = _options.Targets;
        var mapping = _mappings.GetAsync(targets.MappingId, cancellationToken);
        var rule = DescribeAsync(cancellationToken);
        await Task.WhenAll(mapping, rule).ConfigureAwait(false);
        return Status((await rule.ConfigureAwait(false)).Enabled, await mapping.ConfigureAwait(false), ruleChangedNow: false);
    }

    public Task<InboundStatus> ApplyAsync(InboundSwitch change, CancellationToken cancellationToken) => change switch
    {
        InboundSwitch.Pause => SetProcessingAsync(false, cancellationToken),
        InboundSwitch.Resume => SetProcessingAsync(true, cancellationToken),
        InboundSwitch.Disable => SetReceivingAsync(false, cancellationToken),
        InboundSwitch.Enable => SetReceivingAsync(true, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Not a rollback switch."),
    };

    private async Task<InboundStatus> SetProcessingAsync(bool processing, CancellationToken cancellationToken)
    {
        var targets = _options.Targets;
        var mapping = await _mappings.GetAsync(targets.MappingId, cancellationToken).ConfigureAwait(false);
        if (mapping.IsStopped == processing)
        {
            mapping = await _mappings.SetEnabledAsync(targets.MappingId, processing, cancellationToken).ConfigureAwait(false);
        }
        var rule = await RecentOrDescribeAsync(cancellationToken).ConfigureAwait(false);
        return Status(rule.Enabled, mapping, ruleChangedNow: false);
    }

    private async Task<InboundStatus> SetReceivingAsync(bool receiving, CancellationToken cancellationToken)
    {
        var targets = _options.Targets;
        var rule = await RecentOrDescribeAsync(cancellationToken).ConfigureAwait(false);
        var changed = rule.Enabled != receiving;
        if (changed)
        {
            _recentRule = null;
            await _rules.UpdateEnabledAsync(targets.RuleSet, rule, receiving, cancellationToken).ConfigureAwait(false);
        }
        var mapping = await _mappings.GetAsync(targets.MappingId, cancellationToken).ConfigureAwait(false);
        return Status(receiving, mapping, changed);
    }

    private async Task<DescribedReceiptRule> DescribeAsync(CancellationToken cancellationToken)
    {
        var readAt = _time.GetTimestamp();
        var rule = await _rules.DescribeAsync(_options.Targets.RuleSet, _options.Targets.Rule, cancellationToken).ConfigureAwait(false);
        _recentRule = new RecentRule(rule, readAt);
        return rule;
    }

    private Task<DescribedReceiptRule> RecentOrDescribeAsync(CancellationToken cancellationToken) =>
        _recentRule is { } recent && _time.GetElapsedTime(recent.ReadAt) < DescriptionReuse
            ? Task.FromResult(recent.Rule)
            : DescribeAsync(cancellationToken);

    private sealed record RecentRule(DescribedReceiptRule Rule, long ReadAt);

    private InboundStatus Status(bool receiving, EventSourceMapping mapping, bool ruleChangedNow)
    {
        var processing = !mapping.IsStopped;
        var state = !receiving ? InboundStatus.Disabled : !processing ? InboundStatus.Paused : InboundStatus.Enabled;
        var changedAt = ruleChangedNow ? _time.GetUtcNow() : state == InboundStatus.Disabled ? null : mapping.LastModified;
        return new InboundStatus(state, receiving, processing, changedAt, AwsInboundConsequences.Of(state, mapping, _options.InboundQueue, _options.InboundQueueRetention));
    }
}
