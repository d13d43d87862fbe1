using System.Text;
using System.Xml.Linq;

namespace Mailflow.Aws.Operations;

/// <summary>
/// The AWS query protocol's two directions for one structure (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html):
/// an XML response element flattened into the form parameters a request would carry — nested members as
/// <c>Rule.Actions.member.1.S3Action.BucketName</c>, list entries as <c>member.N</c> from 1 — and those parameters
/// form-encoded. The flattening knows no member names, so whatever a response holds goes back as it came, including
/// members added to the API after this code was written.
/// </summary>
internal static class AwsQueryForm
{
    private const string ListEntry = "member";

    /// <summary>The parameters of <paramref name="element"/> under the name <paramref name="prefix"/>, in document order.</summary>
    public static List<KeyValuePair<string, string>> Flatten(XElement element, string prefix)
    {
        ArgumentNullException.ThrowIfNull(element);
        var parameters = new List<KeyValuePair<string, string>>();
        Add(element, prefix, parameters);
        return parameters;
    }

    /// <summary>
    /// <c>application/x-www-form-urlencoded</c> with RFC 3986 percent-encoding (space as <c>%20</c>), which the query
    /// protocol accepts and which leaves nothing for a proxy to re-encode differently.
    /// </summary>
    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        Encoding.UTF8.GetBytes(string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));

    private static void Add(XElement element, string key, List<KeyValuePair<string, string>> parameters)
    {
        var children = element.Elements().ToList();
        if (children.Count == 0)
        {
            // A leaf; an empty list element (<Recipients/>) lands here too and goes back as "Rule.Recipients=", which
            // is how the query protocol writes an empty list.
            parameters.Add(new(key, element.Value));
            return;
        }
        if (children.All(c => c.Name.LocalName == ListEntry))
        {
            for (var i = 0; i < children.Count; i++)
            {
                Add(children[i], $"{key}.{ListEntry}.{i + 1}", parameters);
            }
            return;
        }
        foreach (var child in children)
        {
            Add(child, $"{key}.{child.Name.LocalName}", parameters);
        }
    }
}
