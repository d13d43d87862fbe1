namespace Mailflow.Local.Sqs;

/// <summary>One SQS action: reads its request from the call, delegates to the queue engine, answers.</summary>
internal delegate Task<SqsReply> SqsAction(SqsCall call);
