using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

/// <summary>What the API's operator endpoints act on, known once the worker and the inbound path exist.</summary>
/// <param name="Queues">Every Mailflow queue: depths, browsing dead letters, redrive, purge, replay and test mails.</param>
/// <param name="Worker">Its inbound event source mapping is what pause/resume toggles.</param>
/// <param name="Inbound">Its receipt rule is what disable/enable toggles; its raw-mail bucket holds what replay, raw download and test mails use.</param>
public sealed record ApiOperationsProps(
    MailflowEnvironment Environment,
    AppQueues Queues,
    Worker Worker,
    Inbound Inbound,
    State State);
