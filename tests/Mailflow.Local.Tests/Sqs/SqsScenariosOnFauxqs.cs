namespace Mailflow.Local.Tests.Sqs;

/// <summary>The scenario suite against fauxqs 2.4.1: the reference our endpoint is compared with.</summary>
public sealed class SqsScenariosOnFauxqs(FauxqsTarget target) : SqsScenarios<FauxqsTarget>(target);
