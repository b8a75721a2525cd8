using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// Free loopback ports for the servers a test starts (nodes, stand-ins, proxies).
/// A port the kernel hands out for port 0 lies in the ephemeral range, which every outgoing connection of every
/// process draws its local port from: between the probe and the server's own bind, a test's HTTP client or a
/// database pool can take it, and the node then fails to start. So the ports come from below that range
/// (<c>/proc/sys/net/ipv4/ip_local_port_range</c> on Linux), chosen at random (test assemblies run side by side,
/// each with its own counter), never the same twice in one process, and are checked to be bindable.
/// </summary>
public static class LoopbackPorts
{
    private const int FirstPort = 20000;
    private static readonly object Gate = new();
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port nobody listens on now, below the ephemeral range, not handed out before by this process.</summary>
    public static int Free()
    {
        var end = EphemeralRangeStart();
        if (end - FirstPort < 1000)
        {
            return KernelAssigned();
        }
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(FirstPort, end);
                if (HandedOut.Contains(port) || !Bindable(port))
                {
                    continue;
                }
                HandedOut.Add(port);
                return port;
            }
        }
        return KernelAssigned();
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int KernelAssigned()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first port of the kernel's ephemeral range (32768 when it cannot be read: Linux's default).</summary>
    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
