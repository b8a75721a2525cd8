using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Proto = Platform.Contracts.Federation.V1;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Delivers a link's batch to the peer's federation listener over mutual TLS: this node presents the
/// certificate the link knows it by and accepts only the peer's pinned server certificate.
/// </summary>
public sealed class GrpcFederationTransport(FederationCertificateAuthority authority) : IFederationTransport
{
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
        using var channel = OpenChannel(authority, link);
        var response = await new Proto.FederationExchange.FederationExchangeClient(channel).DeliverAsync(request, cancellationToken: cancellationToken);
        return response.AcknowledgedSequence;
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
