using System.Net;
using System.Net.Sockets;

namespace Mailflow.Testing.Emulators;

/// <summary>A loopback TCP port nobody listens on right now (another process may still take it before the caller does).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
