using System.Net;
using System.Net.Sockets;

namespace AqNano.Verifier.App.Cli;

/// <summary>For the demo only: when a default port is taken (say, by a system mosquitto on 1883),
/// the demo moves to a free one and says so, instead of failing a newcomer's first run.</summary>
public static class FreePorts
{
    public static int OrFree(IPAddress address, int wanted)
    {
        try
        {
            var probe = new TcpListener(address, wanted);
            probe.Start();
            probe.Stop();
            return wanted;
        }
        catch (SocketException)
        {
            var any = new TcpListener(address, 0);
            any.Start();
            int port = ((IPEndPoint)any.LocalEndpoint).Port;
            any.Stop();
            return port;
        }
    }
}
