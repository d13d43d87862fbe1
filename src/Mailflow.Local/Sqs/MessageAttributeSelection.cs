using Mailflow.Local.Queues;

namespace Mailflow.Local.Sqs;

/// <summary>
/// ReceiveMessage's MessageAttributeNames: <c>All</c> or <c>.*</c> for every attribute, <c>prefix.*</c> for the names that
/// start with <c>prefix.</c>, otherwise exact (case-sensitive) names. No names: no attributes, as SQS returns them only on request.
/// </summary>
internal sealed class MessageAttributeSelection
{
    private readonly bool _all;
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    private MessageAttributeSelection(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (name is "All" or ".*")
            {
                _all = true;
            }
            else if (name.EndsWith(".*", StringComparison.Ordinal))
            {
                _prefixes.Add(name[..^1]);
            }
            else
            {
                _exact.Add(name);
            }
        }
    }

    public static MessageAttributeSelection From(IEnumerable<string>? names) => new(names ?? []);

    public IReadOnlyDictionary<string, MessageAttribute> Apply(IReadOnlyDictionary<string, MessageAttribute> attributes) =>
        _all ? attributes : attributes.Where(pair => Wants(pair.Key)).ToDictionary(StringComparer.Ordinal);

    private bool Wants(string name) => _exact.Contains(name) || _prefixes.Exists(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
