using System.Text.Json.Nodes;

namespace Mailflow.Cdk.Tests;

public sealed class IamTests
{
    [Fact]
    public void IAM_statements_name_their_resources_and_never_allow_everything()
    {
        var statements = TestStacks.Dev.Resources("AWS::IAM::Policy").Values
            .SelectMany(p => Synthesized.Properties(p)["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!.AsObject())
            .ToList();

        Assert.NotEmpty(statements);
        Assert.All(statements, s =>
        {
            var resources = s["Resource"] is JsonArray many ? many.ToList() : [s["Resource"]];
            var actions = s["Action"] is JsonArray list ? list.Select(a => (string?)a).ToList() : [(string?)s["Action"]];
            // The exceptions: SES receipt-rule-set and receipt-rule actions support no resource-level permissions.
            if (!actions.All(a => Features.Inbound.ReceiptRuleSetActions.Contains(a) || Features.Api.ReceiptRuleActions.Contains(a)))
            {
                Assert.DoesNotContain(resources, r => r is JsonValue v && (string?)v == "*");
            }
            Assert.DoesNotContain(actions, a => a == "*" || a!.EndsWith(":*", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void No_role_carries_an_AWS_managed_policy()
    {
        Assert.All(TestStacks.Dev.Resources("AWS::IAM::Role").Values,
            r => Assert.Null(Synthesized.Properties(r)["ManagedPolicyArns"]));
    }
}
