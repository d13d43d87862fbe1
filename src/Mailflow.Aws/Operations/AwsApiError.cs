namespace Mailflow.Aws.Operations;

/// <summary>An AWS error reduced to its code (<c>ResourceNotFoundException</c>, <c>RuleDoesNotExist</c>…) and message.</summary>
internal sealed record AwsApiError(string? Code, string? Message);
