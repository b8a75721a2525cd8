using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// The federation listener's TLS (ADR 0013): a separate Kestrel endpoint that requires a client
/// certificate. The handshake accepts any certificate; whether the caller may do anything is decided
/// per call from the store (<see cref="AuthorizeCallerAsync"/>), so revoking a link needs no restart
/// and no certificate revocation list.
/// </summary>
public static class FederationListener
{
    /// <summary>HTTP/2 over TLS with a required client certificate, presenting this node's certificate.</summary>
    public static ListenOptions UseFederationTls(this ListenOptions listen, X509Certificate2 nodeCertificate)
    {
        listen.Protocols = HttpProtocols.Http2;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = nodeCertificate,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            // The chain is not what decides: the pinned thumbprint of an active link is, on every call.
            ClientCertificateValidation = (_, _, _) => true,
        });
        return listen;
    }

    /// <summary>The active link of the caller's certificate; PermissionDenied for an unknown, pending or revoked one.</summary>
    public static async Task<FederationLink> AuthorizeCallerAsync(HttpContext http)
    {
        var certificate = http.Connection.ClientCertificate ?? await http.Connection.GetClientCertificateAsync(http.RequestAborted);
        var trust = http.RequestServices.GetRequiredService<FederationTrust>();
        return await trust.AuthorizeAsync(
            certificate is null ? null : FederationCertificateAuthority.ThumbprintOf(certificate), http.RequestAborted);
    }

    /// <summary>
    /// The calling side: presents <paramref name="clientCertificate"/> and accepts only the server whose
    /// certificate has the pinned thumbprint (the peer's, recorded on the link).
    /// </summary>
    public static SocketsHttpHandler CreateClientHandler(X509Certificate2 clientCertificate, string pinnedServerThumbprint)
    {
        var pinned = pinnedServerThumbprint.ToLowerInvariant();
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null
                    && Convert.ToHexStringLower(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)) == pinned,
            },
            EnableMultipleHttp2Connections = true,
        };
    }
}
