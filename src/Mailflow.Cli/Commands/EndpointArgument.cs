using System.Globalization;
using System.Net;

namespace Mailflow.Cli.Commands;

/// <summary>Parses <c>HOST:PORT</c> options (<c>127.0.0.1:2525</c>, <c>localhost:0</c>, <c>[::1]:25</c>).</summary>
public static class EndpointArgument
{
    public static bool TryParse(string value, out IPEndPoint endpoint)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        if (!TryParseHostPort(value, out var host, out var port))
        {
            return false;
        }
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null)
        {
            return false;
        }
        endpoint = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>A host name or address and a port 0-65535.</summary>
    public static bool TryParseHostPort(string value, out string host, out int port)
    {
        ArgumentNullException.ThrowIfNull(value);
        host = "";
        port = 0;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            return false;
        }
        host = value[..colon].Trim('[', ']');
        return host.Length > 0;
    }
}
