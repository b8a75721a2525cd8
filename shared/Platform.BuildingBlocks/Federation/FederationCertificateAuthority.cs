using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Federation;

/// <summary>What the parent hands back at approval: the child's certificate and what the child pins.</summary>
public sealed record IssuedLinkCertificate(string CertificatePem, string IssuerPem, string ParentCertificateThumbprint);

/// <summary>
/// The node's own federation authority (ADR 0013): a self-signed CA that signs its children's
/// certificates at approval, and the node's certificate (signed by that CA) which it presents to
/// its children. Both live in one key file, created 0600 on first start.
/// </summary>
public sealed class FederationCertificateAuthority : IDisposable
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);

    private FederationCertificateAuthority(X509Certificate2 authority, X509Certificate2 nodeCertificate)
    {
        Authority = authority;
        NodeCertificate = nodeCertificate;
    }

    public X509Certificate2 Authority { get; }

    /// <summary>What this node presents on links to its children.</summary>
    public X509Certificate2 NodeCertificate { get; }

    public static FederationCertificateAuthority LoadOrCreate(string path, string nodeId, TimeProvider clock)
    {
        // Two processes starting on one data folder (a gateway's replicas, a restart overlapping a stop) must end up with
        // one authority: the file is created once, whole, and both read it.
        KeyFiles.CreateOnce(path, file =>
        {
            using var created = Create(nodeId, clock);
            using var writer = new StreamWriter(file);
            writer.Write(created.Authority.ExportCertificatePem());
            writer.Write('\n');
            writer.Write(created.Authority.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            writer.Write('\n');
            writer.Write(created.NodeCertificate.ExportCertificatePem());
            writer.Write('\n');
            writer.Write(created.NodeCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        });
        var pem = File.ReadAllText(path);
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        var keys = pem.Split("-----END PRIVATE KEY-----", StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
            .Select(part => part[part.IndexOf("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal)..] + "-----END PRIVATE KEY-----")
            .ToList();
        if (certificates.Count != 2 || keys.Count != 2)
        {
            throw new InvalidOperationException($"The federation key file {path} must hold the authority and the node certificate with their keys.");
        }
        return new FederationCertificateAuthority(
            WithKey(certificates[0], keys[0]),
            WithKey(certificates[1], keys[1]));
    }

    public static FederationCertificateAuthority Create(string nodeId, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={nodeId} federation authority", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now + CaLifetime);
        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeCertificate = Sign(authority, new CertificateRequest($"CN={nodeId}", nodeKey, HashAlgorithmName.SHA256), now, CaLifetime)
            .CopyWithPrivateKey(nodeKey);
        return new FederationCertificateAuthority(authority, nodeCertificate);
    }

    /// <summary>Signs a child's request at approval; the request's own signature proves the child holds the key.</summary>
    public IssuedLinkCertificate Issue(string certificateRequestPem, string childNodeId, DateTimeOffset now, TimeSpan lifetime)
    {
        var request = ParseRequest(certificateRequestPem, childNodeId);
        using var issued = Sign(Authority, request, now, lifetime);
        return new IssuedLinkCertificate(issued.ExportCertificatePem(), Authority.ExportCertificatePem(), ThumbprintOf(NodeCertificate));
    }

    /// <summary>Checks a request when the child registers, so a bad one is refused then, naming the field.</summary>
    public static CertificateRequest ParseRequest(string? certificateRequestPem, string childNodeId)
    {
        try
        {
            // Subject and extensions come from us, not from the request: only its key is taken.
            var parsed = CertificateRequest.LoadSigningRequestPem(
                certificateRequestPem ?? string.Empty, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
            var key = parsed.PublicKey;
            return new CertificateRequest(new X500DistinguishedName($"CN={childNodeId}"), key, HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ValidationException("certificate_request", "证书签名请求须为有效的 PEM 格式 PKCS#10 请求");
        }
    }

    /// <summary>A child's key pair and the request it sends with its registration.</summary>
    public static (ECDsa Key, string RequestPem) CreateRequest(string nodeId)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key, new CertificateRequest($"CN={nodeId}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem());
    }

    /// <summary>Whether two certificates or requests are for the same key pair.</summary>
    public static bool SameKey(PublicKey a, PublicKey b) =>
        a.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(b.ExportSubjectPublicKeyInfo());

    /// <summary>SHA-256 of the certificate, lower-case hex: what links pin.</summary>
    public static string ThumbprintOf(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));

    public void Dispose()
    {
        Authority.Dispose();
        NodeCertificate.Dispose();
    }

    private static X509Certificate2 Sign(X509Certificate2 authority, CertificateRequest request, DateTimeOffset now, TimeSpan lifetime)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var notAfter = now + lifetime < authority.NotAfter ? now + lifetime : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        return request.Create(authority, now.AddMinutes(-5), notAfter, Guid.CreateVersion7().ToByteArray());
    }

    private static X509Certificate2 WithKey(X509Certificate2 certificate, string keyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(keyPem);
        using (certificate)
        {
            return certificate.CopyWithPrivateKey(key);
        }
    }
}
