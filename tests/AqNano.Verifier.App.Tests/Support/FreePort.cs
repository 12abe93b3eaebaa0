using System.Net;
using System.Net.Sockets;

namespace AqNano.Verifier.App.Tests.Support;

/// <summary>A loopback port free right now (the OS picks it), for servers the tests start.</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
