using System.Net;
using System.Net.Sockets;

namespace Platform.BuildingBlocks.Net;

/// <summary>
/// Which addresses the node may call on behalf of someone who typed a URL (webhooks): public
/// ones, and special-use ones (loopback, private, link-local, …) only inside networks the
/// operator allowed. Stops a registered URL from reaching the node's own or its neighbours'
/// services.
/// </summary>
public sealed class OutboundAddressGuard
{
    // RFC 6890 and its IANA registries: addresses that are not the public internet.
    private static readonly IPNetwork[] SpecialUse =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001::/23"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("2002::/16"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IReadOnlyList<IPNetwork> _allowed;

    public OutboundAddressGuard(IEnumerable<string> allowedNetworks) =>
        _allowed = allowedNetworks.Select(ParseNetwork).ToList();

    /// <summary>Parses an allowed network: CIDR ("10.8.0.0/16") or a single address.</summary>
    public static IPNetwork ParseNetwork(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }
        throw new FormatException($"'{text}' is neither a network in CIDR notation nor an IP address.");
    }

    public static bool IsSpecialUse(IPAddress address)
    {
        address = Normalize(address);
        return SpecialUse.Any(n => n.Contains(address));
    }

    /// <summary>True for a public address, or a special-use one inside an allowed network.</summary>
    public bool Allows(IPAddress address)
    {
        address = Normalize(address);
        return !IsSpecialUse(address) || _allowed.Any(n => n.Contains(address));
    }

    /// <summary>
    /// Resolves <paramref name="host"/> and returns the addresses that may be called, or
    /// throws <see cref="OutboundAddressRefusedException"/> naming those that may not.
    /// </summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(Allows).ToArray();
        // Refused as soon as one address is special-use: a name that resolves to both could be steered to either.
        if (addresses.Length == 0 || allowed.Length != addresses.Length)
        {
            var refused = addresses.Where(a => !Allows(a)).Select(a => Normalize(a).ToString());
            throw new OutboundAddressRefusedException(addresses.Length == 0
                ? $"{host} resolves to no address"
                : $"{host} resolves to {string.Join(", ", refused)}, a loopback, private, link-local or other special-use address that no allowed network covers");
        }
        return allowed;
    }

    /// <summary>
    /// Opens the TCP connection of an HTTP request, to an allowed address only, and checks the
    /// address actually connected to: DNS may answer differently now than at registration.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAllowedAsync(endPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            if (socket.RemoteEndPoint is not IPEndPoint remote || !Allows(remote.Address))
            {
                throw new OutboundAddressRefusedException($"{endPoint.Host} connected to {socket.RemoteEndPoint}, which is not allowed");
            }
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

/// <summary>The target of an outbound call is an address the node must not call.</summary>
public sealed class OutboundAddressRefusedException(string message) : IOException(message);
