using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Edge;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Node;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module;
using FederationLinks = Platform.Contracts.Federation.V1.FederationLinks;

namespace Platform.Federation.Benchmark;

/// <summary>
/// One office's node: the embedded node's edge, its planning module and its federation (store, authority, mutual-TLS
/// listener, delivery worker, the task and progress flows of ADR 0018), composed as the embedded node composes them,
/// on its own data folder (its own SQLite files and keys), its own signing key, its own gRPC port and its own
/// federation listener. Many share the process; nothing else is shared but the runtime. The other modules of the
/// embedded node (inspection, rectification, assessment, notification, the console) are left out: the flows measured
/// here do not touch them.
/// </summary>
public sealed class BenchNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private readonly TokenIssuer _tokens;

    private BenchNode(string id, NodeLevel level, string region, WebApplication app, int grpcPort, int federationPort, AuthOptions auth, OfflineSwitch offline)
    {
        Id = id;
        Level = level;
        Region = region;
        _app = app;
        FederationAddress = $"https://127.0.0.1:{federationPort}";
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        _tokens = new TokenIssuer(Options.Create(auth), TimeProvider.System);
        Offline = offline;
        Office = Bearer(Issue("office", null, PlatformRoles.OfficeStaff));
        Operator = Bearer(Issue("operator", null, PlatformRoles.NodeOperator));
    }

    public string Id { get; }

    public NodeLevel Level { get; }

    public string Region { get; }

    public string FederationAddress { get; }

    /// <summary>While on, every delivery from this node fails before it leaves, as with a cut line.</summary>
    public OfflineSwitch Offline { get; }

    /// <summary>The office's clerk (office_staff).</summary>
    public Metadata Office { get; }

    public Metadata Operator { get; }

    public PlanningService.PlanningServiceClient Planning => new(_channel);

    public FederationLinks.FederationLinksClient Links => new(_channel);

    /// <summary>A unit's liaison.</summary>
    public Metadata Liaison(string unitId) => Bearer(Issue("liaison-" + unitId, Guid.Parse(unitId), PlatformRoles.UnitLiaison));

    public static async Task<BenchNode> StartAsync(string id, NodeLevel level, string region, string folder, IReadOnlyDictionary<string, string?> settings)
    {
        // A free port is only free until someone else binds it: on a busy machine another process can take it between
        // the probe and Kestrel's bind. Such a start is tried again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(id, level, region, folder, settings);
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                Console.WriteLine($"  {id}: a probed port was taken before the bind ({e.Message}); starting again on other ports");
            }
        }
    }

    private static async Task<BenchNode> StartOnFreePortsAsync(string id, NodeLevel level, string region, string folder, IReadOnlyDictionary<string, string?> settings)
    {
        var grpcPort = FreePort();
        var federationPort = FreePort();
        var data = Directory.CreateDirectory(Path.Combine(folder, id)).FullName;
        var auth = new AuthOptions
        {
            Issuer = "federation-benchmark",
            Audience = "platform",
            SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
        };
        var offline = new OfflineSwitch();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = data, EnvironmentName = Environments.Production });
        // Errors only; the health checks' complaints while a node is still starting are not the benchmark's business.
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Error)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Node:Id"] = id,
            ["Node:Name"] = id,
            ["Node:Level"] = level.ToString(),
            ["Node:RegionCode"] = region,
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = data,
            ["Messaging:Transport"] = "InMemory",
            ["Auth:Issuer"] = auth.Issuer,
            ["Auth:Audience"] = auth.Audience,
            ["Auth:SigningKey"] = auth.SigningKey,
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Federation:ListenUrl"] = $"https://127.0.0.1:{federationPort}",
            ["Federation:PublicAddress"] = $"https://127.0.0.1:{federationPort}",
        });
        builder.AddPlatformEdge();
        builder.AddPlanningModule();
        builder.AddPlatformFederation();
        // The node's own transport, behind the benchmark's switch for the week offline.
        builder.Services.AddSingleton<IFederationTransport>(sp =>
            new SwitchedTransport(new GrpcFederationTransport(sp.GetRequiredService<FederationCertificateAuthority>()), offline));
        var app = builder.BuildPlatformService(edge => edge.UsePlatformEdge());
        app.MapPlanningModule();
        app.MapPlatformFederation();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new BenchNode(id, level, region, app, grpcPort, federationPort, auth, offline);
    }

    /// <summary>Reads this node's federation store directly (backlog counts the operator would see in ListLinks).</summary>
    public async Task<T> InStoreAsync<T>(Func<FederationDbContext, Task<T>> read)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<FederationDbContext>());
    }

    /// <summary>The child nodes this node's planning holds as active: a cascade to "every active child" goes to these.</summary>
    public async Task<int> ChildrenActiveInPlanningAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Platform.Planning.Module.Infrastructure.PlanningDbContext>();
        return await db.ChildNodes.CountAsync(c => c.State == "active");
    }

    /// <summary>Messages still to go up from this node: the outbox backlog and the coalesced summaries not yet moved into it.</summary>
    public Task<int> BacklogAsync() => InStoreAsync(async db =>
        await db.LinkOutbox.CountAsync(m => m.DeliveredAt == null) + await db.LinkPending.CountAsync());

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string Issue(string user, Guid? unit, string role) =>
        _tokens.Issue(new TokenRequest(user, user, Id, Region, unit, [role]));

    private static Metadata Bearer(string token) => new() { { "Authorization", "Bearer " + token } };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Takes a node off the network for deliveries: the calls fail before they leave, as with a cut line.</summary>
public sealed class OfflineSwitch
{
    public volatile bool On;
}

public sealed class SwitchedTransport(IFederationTransport inner, OfflineSwitch offline) : IFederationTransport
{
    public Task<long> SendAsync(FederationLink link, IReadOnlyList<FederationEnvelope> batch, CancellationToken cancellationToken) =>
        offline.On
            ? Task.FromException<long>(new HttpRequestException("benchmark: the node is offline"))
            : inner.SendAsync(link, batch, cancellationToken);
}
