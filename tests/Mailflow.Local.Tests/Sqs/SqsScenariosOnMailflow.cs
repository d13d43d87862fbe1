namespace Mailflow.Local.Tests.Sqs;

/// <summary>The scenario suite against Mailflow's SQS endpoint over the queue engine.</summary>
public sealed class SqsScenariosOnMailflow(MailflowTarget target) : SqsScenarios<MailflowTarget>(target);
