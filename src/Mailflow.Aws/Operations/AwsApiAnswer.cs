namespace Mailflow.Aws.Operations;

/// <summary>An AWS API's answer as read off the wire: the status, the body, and the <c>x-amzn-ErrorType</c> header when sent.</summary>
internal sealed record AwsApiAnswer(int Status, string Body, string? ErrorTypeHeader)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
