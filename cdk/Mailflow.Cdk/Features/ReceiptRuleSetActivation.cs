namespace Mailflow.Cdk.Features;

/// <summary>
/// The code of the custom resource that activates Mailflow's receipt rule set. An account has one active rule set per
/// region, shared by everything in it (LESSONS.md: the stack once took over someone else's), so the guard refuses to
/// replace another active rule set unless the environment sets <c>takeOverActiveRuleSet</c>. On delete it deactivates
/// the rule set only when it is still Mailflow's (an active rule set cannot be deleted). <c>decide</c> is pure, so the
/// tests run it in Node; the SES client and the response are loaded only in the handler.
/// </summary>
public static class ReceiptRuleSetActivation
{
    public const string ResourceType = "Custom::MailflowReceiptRuleSetActivation";

    public const string Code = """
        const decide = (requestType, active, own, takeOver) => {
          if (requestType === 'Delete') return active === own ? { action: 'deactivate' } : { action: 'none' };
          if (!active || active === own || takeOver) return { action: 'activate' };
          return { action: 'refuse', reason: `The SES receipt rule set '${active}' is active in this account and region; Mailflow will not replace it with '${own}'. Move its rules into '${own}', or set takeOverActiveRuleSet: true for this environment in cdk.json to replace it.` };
        };
        const respond = (event, status, reason, id) => new Promise((resolve, reject) => {
          const body = JSON.stringify({ Status: status, Reason: reason, PhysicalResourceId: id, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId });
          const url = new URL(event.ResponseURL);
          const request = require('https').request({ hostname: url.hostname, path: url.pathname + url.search, method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, r => { r.resume(); r.on('end', resolve); });
          request.on('error', reject);
          request.end(body);
        });
        exports.decide = decide;
        exports.handler = async (event) => {
          const own = event.ResourceProperties.RuleSetName;
          try {
            const ses = require('@aws-sdk/client-ses');
            const client = new ses.SESClient({});
            const active = (await client.send(new ses.DescribeActiveReceiptRuleSetCommand({}))).Metadata?.Name;
            const decision = decide(event.RequestType, active, own, event.ResourceProperties.TakeOverActiveRuleSet === 'true');
            console.log(JSON.stringify({ requestType: event.RequestType, active, own, decision }));
            if (decision.action === 'refuse') return await respond(event, 'FAILED', decision.reason, event.PhysicalResourceId ?? own);
            if (decision.action === 'activate') await client.send(new ses.SetActiveReceiptRuleSetCommand({ RuleSetName: own }));
            if (decision.action === 'deactivate') await client.send(new ses.SetActiveReceiptRuleSetCommand({}));
            await respond(event, 'SUCCESS', `${decision.action} ${own}`, own);
          } catch (e) {
            console.log(e);
            await respond(event, 'FAILED', `${e.name}: ${e.message}`, event.PhysicalResourceId ?? own);
          }
        };
        """;
}
