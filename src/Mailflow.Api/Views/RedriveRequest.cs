namespace Mailflow.Api.Views;

/// <summary>The body of <c>POST /api/queues/{name}/redrive</c>; the rate defaults to 50 messages a second (SQS allows 1–500).</summary>
public sealed record RedriveRequest(int? MaxMessagesPerSecond);
