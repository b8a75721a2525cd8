using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Tests.Federation;

/// <summary>The listener's mutual TLS on a real loopback port: who is let in is read from the store per call.</summary>
public sealed class FederationListenerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TestNode _city;
    private readonly TestNode _county;
    private WebApplication _app = null!;
    private Uri _address = null!;

    public FederationListenerTests()
    {
        _city = new TestNode("nantong", NodeLevel.City, "320600", _clock);
        _county = new TestNode("chongchuan", NodeLevel.County, "320602", _clock);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseFederationTls(_city.Authority.NodeCertificate)));
        builder.Services.AddScoped(_ => _city.NewContext());
        builder.Services.AddScoped<FederationTrust>();
        _app = builder.Build();
        _app.MapGet("/whoami", async (HttpContext http) =>
        {
            try
            {
                return Results.Text((await FederationListener.AuthorizeCallerAsync(http)).PeerNodeId);
            }
            catch (PermissionDeniedException)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
        });
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _city.Dispose();
        _county.Dispose();
    }

    [Fact]
    public async Task The_approved_child_is_let_in_and_refused_on_the_next_call_once_revoked()
    {
        var (linkId, countyCertificate) = await EnrolCountyAsync();
        using var client = Client(countyCertificate, _city.NodeThumbprint);
        var answer = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("chongchuan", await answer.Content.ReadAsStringAsync());
        Assert.Equal(new Version(2, 0), answer.Version);

        await using (var db = _city.NewContext())
        {
            await _city.Enrolment(db).RevokeAsync(linkId, default);
        }
        // Same server, same connection pool: no restart, the next call is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/whoami")).StatusCode);
    }

    [Fact]
    public async Task A_certificate_no_link_pins_is_refused()
    {
        await EnrolCountyAsync();
        using var stranger = FederationCertificateAuthority.Create("stranger", _clock);
        using var client = Client(stranger.NodeCertificate, _city.NodeThumbprint);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/whoami")).StatusCode);
    }

    [Fact]
    public async Task The_client_refuses_a_server_whose_certificate_is_not_the_pinned_one()
    {
        var (_, countyCertificate) = await EnrolCountyAsync();
        using var client = Client(countyCertificate, new string('0', 64));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/whoami"));
    }

    private HttpClient Client(X509Certificate2 certificate, string pinnedServer) =>
        new(FederationListener.CreateClientHandler(certificate, pinnedServer))
        {
            BaseAddress = _address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    private async Task<(Guid LinkId, X509Certificate2 Certificate)> EnrolCountyAsync()
    {
        await using var db = _city.NewContext();
        var code = await _city.Enrolment(db).CreateCodeAsync("320602", default);
        var link = await _city.Enrolment(db).RegisterChildAsync(code.Code, "chongchuan", "320602", _county.RequestPem, default);
        var (_, issued) = await _city.Enrolment(db).ApproveAsync(link.Id, _city.Authority, default);
        using var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem);
        using var withKey = certificate.CopyWithPrivateKey(_county.Key);
        // Through PKCS#12 so the TLS stack holds a persisted key, as it would when read from the key file.
        return (link.Id, X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }
}
