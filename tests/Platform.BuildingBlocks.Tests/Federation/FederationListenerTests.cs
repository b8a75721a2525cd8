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
public sealed class FederationListenerTests : CityAndCounty, IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseFederationTls(City.Authority.NodeCertificate)));
        builder.Services.AddScoped(_ => City.NewContext());
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
    }

    [Fact]
    public async Task The_approved_child_is_let_in_and_refused_on_the_next_call_once_revoked()
    {
        var (linkId, countyCertificate) = await EnrolCountyAsync();
        using var client = Client(countyCertificate, City.NodeThumbprint);
        var answer = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("chongchuan", await answer.Content.ReadAsStringAsync());
        Assert.Equal(new Version(2, 0), answer.Version);

        await using (var db = City.NewContext())
        {
            await City.Enrolment(db).RevokeAsync(linkId, default);
        }
        // Same server, same connection pool: no restart, the next call is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/whoami")).StatusCode);
    }

    [Fact]
    public async Task A_certificate_no_link_pins_is_refused()
    {
        await EnrolCountyAsync();
        using var stranger = FederationCertificateAuthority.Create("stranger", Clock);
        using var client = Client(stranger.NodeCertificate, City.NodeThumbprint);
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
        await using var db = City.NewContext();
        var enrolled = await EnrolCountyAsync(City.Enrolment(db));
        return (enrolled.CityLinkId, CountyCertificate(enrolled.Issued));
    }
}
