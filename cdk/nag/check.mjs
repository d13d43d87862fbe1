// Runs cdk-nag's AwsSolutions checks on a template the C# CDK app synthesized (make nag). cdk-nag is not served to
// .NET here, so the template is loaded into a Node CDK app with CfnInclude (DESIGN.md §4); suppressions written by
// the C# code as cdk_nag resource metadata are honoured. Exit 1 on any unsuppressed error or warning.
//   node cdk/nag/check.mjs [cdk.out/Mailflow-dev.template.json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks } from 'cdk-nag';

const templateFile = process.argv[2] ?? 'cdk.out/Mailflow-dev.template.json';
const outdir = mkdtempSync(join(tmpdir(), 'mailflow-nag-'));
const findings = [];
const suppressed = [];
let passed = 0;
const logger = {
  onCompliance() { passed++; },
  onNotApplicable() {},
  onNonCompliance(d) { findings.push(`${d.ruleId}${d.findingId ? `[${d.findingId}]` : ''} ${d.ruleLevel} ${d.resource.node.path}: ${d.ruleInfo}`); },
  onSuppressed(d) { suppressed.push(`${d.ruleId}${d.findingId ? `[${d.findingId}]` : ''} ${d.resource.node.path}: ${d.suppressionReason}`); },
  onError(d) { findings.push(`${d.ruleId} could not be checked on ${d.resource.node.path}: ${d.errorMessage}`); },
  onSuppressedError(d) { suppressed.push(`${d.ruleId} (check error) ${d.resource.node.path}: ${d.errorSuppressionReason}`); },
};

try {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Nag', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
  new CfnInclude(stack, 'Template', { templateFile });
  Aspects.of(app).add(new AwsSolutionsChecks({ reports: false, additionalLoggers: [logger] }));
  app.synth();
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

for (const line of suppressed) console.log(`suppressed  ${line}`);
for (const line of findings) console.log(`FINDING     ${line}`);
console.log(`cdk-nag AwsSolutions on ${templateFile}: ${passed} rule check(s) passed, ${findings.length} finding(s), ${suppressed.length} suppressed with a reason`);
process.exit(findings.length === 0 ? 0 : 1);
