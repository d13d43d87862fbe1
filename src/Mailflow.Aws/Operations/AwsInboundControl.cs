using Mailflow.Core.Operations;

namespace Mailflow.Aws.Operations;

/// <summary>
/// The rollback switches on AWS (DESIGN.md §3): pause/resume disables/enables the worker's <b>inbound</b> event source
/// mapping (the outbound one keeps running), disable/enable turns the environment's SES receipt rule off/on. The state is
/// read from both every time, never remembered, so a change made in the console or by a deployment shows at once:
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
        var rule = _rules.DescribeAsync(targets.RuleSet, targets.Rule, cancellationToken);
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
        var rule = await _rules.DescribeAsync(targets.RuleSet, targets.Rule, cancellationToken).ConfigureAwait(false);
        return Status(rule.Enabled, mapping, ruleChangedNow: false);
    }

    private async Task<InboundStatus> SetReceivingAsync(bool receiving, CancellationToken cancellationToken)
    {
        var targets = _options.Targets;
        var rule = await _rules.DescribeAsync(targets.RuleSet, targets.Rule, cancellationToken).ConfigureAwait(false);
        var changed = rule.Enabled != receiving;
        if (changed)
        {
            await _rules.UpdateEnabledAsync(targets.RuleSet, rule, receiving, cancellationToken).ConfigureAwait(false);
        }
        var mapping = await _mappings.GetAsync(targets.MappingId, cancellationToken).ConfigureAwait(false);
        return Status(receiving, mapping, changed);
    }

    private InboundStatus Status(bool receiving, EventSourceMapping mapping, bool ruleChangedNow)
    {
        var processing = !mapping.IsStopped;
        var state = !receiving ? InboundStatus.Disabled : !processing ? InboundStatus.Paused : InboundStatus.Enabled;
        var changedAt = ruleChangedNow ? _time.GetUtcNow() : state == InboundStatus.Disabled ? null : mapping.LastModified;
        return new InboundStatus(state, receiving, processing, changedAt, AwsInboundConsequences.Of(state, mapping, _options.InboundQueue, _options.InboundQueueRetention));
    }
}
