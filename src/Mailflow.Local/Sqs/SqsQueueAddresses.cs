namespace Mailflow.Local.Sqs;

/// <summary>
/// Queue URLs (<c>http://{host}:{port}/000000000000/{queue}</c>) and ARNs (<c>arn:aws:sqs:{region}:000000000000:{queue}</c>)
/// as the endpoint hands them out, and the queue names they stand for. Incoming URLs are matched on their path only,
/// so a client may address the endpoint as localhost or 127.0.0.1.
/// </summary>
internal sealed class SqsQueueAddresses(Uri baseUrl, string region)
{
    public const string AccountId = "000000000000";

    private readonly string _origin = baseUrl.GetLeftPart(UriPartial.Authority);

    public Uri BaseUrl { get; } = new(baseUrl.GetLeftPart(UriPartial.Authority));

    public string UrlOf(string queue) => $"{_origin}/{AccountId}/{queue}";

    public string ArnOf(string queue) => $"arn:aws:sqs:{region}:{AccountId}:{queue}";

    public static string NameFromUrl(string? queueUrl)
    {
        if (string.IsNullOrEmpty(queueUrl))
        {
            throw SqsError.MissingParameter("QueueUrl");
        }
        var path = Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath : queueUrl;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 2
            ? Uri.UnescapeDataString(segments[1])
            : throw new SqsError("InvalidAddress", $"'{queueUrl}' is not a queue URL; expected http://host:port/{AccountId}/queue-name (GetQueueUrl returns it).");
    }

    public static string NameFromArn(string? arn, string parameter)
    {
        if (string.IsNullOrEmpty(arn))
        {
            throw SqsError.MissingParameter(parameter);
        }
        var parts = arn.Split(':');
        return parts is ["arn", _, "sqs", _, _, { Length: > 0 } name]
            ? name
            : throw SqsError.InvalidParameterValue($"Value {arn} for parameter {parameter} is invalid. Reason: expected arn:aws:sqs:region:{AccountId}:queue-name.");
    }
}
