using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Functional.Tests.Production;

/// <summary>Listeners: TLS from PEM files on any endpoint, and only the addresses the operator configured.</summary>
public sealed class ListenerTests
{
    [Fact]
    public async Task A_listener_serves_tls_with_a_pem_certificate_and_answers_hsts()
    {
        var folder = Directory.CreateTempSubdirectory("platform-tls-").FullName;
        try
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=node.example.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var certificatePath = Path.Combine(folder, "node.crt.pem");
            var keyPath = Path.Combine(folder, "node.key.pem");
            await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());

            using var node = new ConfiguredNodeFactory("Production", new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
                ["Kestrel:Endpoints:Grpc:Url"] = "https://127.0.0.1:0",
                ["Kestrel:Endpoints:Grpc:Certificate:Path"] = certificatePath,
                ["Kestrel:Endpoints:Grpc:Certificate:KeyPath"] = keyPath,
                ["Kestrel:Endpoints:Grpc:Protocols"] = "Http1AndHttp2",
            });
            node.UseKestrel();
            node.StartServer();
            var addresses = node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var https = Assert.Single(addresses, a => a.StartsWith("https://127.0.0.1:", StringComparison.Ordinal));
            Assert.Single(addresses, a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));

            X509Certificate2? presented = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    presented = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.RawData);
                    return true;
                },
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(https) };
            using var response = await client.GetAsync("/alive");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(certificate.Thumbprint, presented?.Thumbprint);
            Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Addresses_given_as_urls_beside_the_configured_endpoints_stop_start_up()
    {
        using var node = new ConfiguredNodeFactory("Production", new Dictionary<string, string?> { ["urls"] = "http://10.1.2.3:9000" });
        var error = Assert.ThrowsAny<InvalidOperationException>(() => node.Server);
        Assert.Contains("Kestrel:Endpoints:Http:Url", error.Message);
        Assert.Contains("http://10.1.2.3:9000", error.Message);
    }
}
