using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Proto = Platform.Contracts.Federation.V1;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Delivers a link's batch to the peer's federation listener over mutual TLS: this node presents the
/// certificate the link knows it by and accepts only the peer's pinned server certificate.
/// </summary>
public sealed class GrpcFederationTransport(FederationCertificateAuthority authority) : IFederationTransport, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (string Key, GrpcChannel Channel)> _channels = [];

    public async Task<long> SendAsync(FederationLink link, IReadOnlyList<FederationEnvelope> batch, CancellationToken cancellationToken)
    {
        var request = new Proto.DeliverRequest();
        request.Envelopes.AddRange(batch.Select(e => new Proto.Envelope
        {
            Sequence = e.Sequence,
            MessageId = e.MessageId.ToString(),
            WireName = e.WireName,
            Payload = e.Payload,
            OccurredAt = e.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        }));
        var response = await new Proto.FederationExchange.FederationExchangeClient(ChannelFor(link)).DeliverAsync(request, cancellationToken: cancellationToken);
        return response.AcknowledgedSequence;
    }

    /// <summary>
    /// One channel per link, kept across batches and rounds, so its TLS connection is reused instead of a handshake per
    /// batch. A changed address, pinned certificate or link certificate opens a new one; a broken connection is
    /// reopened by the handler on the next call.
    /// </summary>
    private GrpcChannel ChannelFor(FederationLink link)
    {
        var key = string.Join('|', link.Role, link.PeerAddress, link.PeerServerCertificateThumbprint ?? link.PeerCertificateThumbprint, link.LinkCertificatePem);
        lock (_gate)
        {
            if (_channels.TryGetValue(link.Id, out var cached) && cached.Key == key)
            {
                return cached.Channel;
            }
            var channel = OpenChannel(authority, link);
            _channels[link.Id] = (key, channel);
            cached.Channel?.Dispose();
            return channel;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, channel) in _channels.Values)
            {
                channel.Dispose();
            }
            _channels.Clear();
        }
    }

    /// <summary>A channel to the link's peer; a child calls with the certificate its parent issued, a parent with its node certificate.</summary>
    public static GrpcChannel OpenChannel(FederationCertificateAuthority authority, FederationLink link)
    {
        if (link.PeerAddress is null || (link.PeerServerCertificateThumbprint ?? link.PeerCertificateThumbprint) is not { } pinned)
        {
            throw new InvalidOperationException($"Federation link {link.Id} has no peer address or pinned certificate.");
        }
        var certificate = link.Role == LinkRole.Parent && link.LinkCertificatePem is not null
            ? LinkCertificate(authority, link.LinkCertificatePem)
            : authority.NodeCertificate;
        return OpenChannel(link.PeerAddress, certificate, pinned);
    }

    public static GrpcChannel OpenChannel(string address, X509Certificate2 clientCertificate, string pinnedServerThumbprint) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = FederationListener.CreateClientHandler(clientCertificate, pinnedServerThumbprint),
            DisposeHttpClient = true,
        });

    /// <summary>The certificate the parent issued for this node's key, joined with that key.</summary>
    public static X509Certificate2 LinkCertificate(FederationCertificateAuthority authority, string certificatePem)
    {
        using var issued = X509Certificate2.CreateFromPem(certificatePem);
        using var key = authority.NodeCertificate.GetECDsaPrivateKey()!;
        return issued.CopyWithPrivateKey(key);
    }
}
