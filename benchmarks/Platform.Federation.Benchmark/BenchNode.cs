using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;

namespace Platform.Federation.Benchmark;

/// <summary>
/// One federation node: its own SQLite store (migrated like a node's), its own certificate authority and
/// node certificate, its own mutual-TLS listener on a loopback port, and the node's real federation parts
/// (enrolment, registration with the parent, certificate collection, the delivery worker, the exchange).
/// Many share the process; nothing else is shared but the runtime.
/// </summary>
public sealed class BenchNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchNode(string id, NodeLevel level, string region, int port, FederationCertificateAuthority authority, WebApplication app, OfflineSwitch offline)
    {
        Id = id;
        Level = level;
        Region = region;
        Address = $"https://127.0.0.1:{port}";
        Authority = authority;
        _app = app;
        Offline = offline;
    }

    public string Id { get; }

    public NodeLevel Level { get; }

    public string Region { get; }

    public string Address { get; }

    public FederationCertificateAuthority Authority { get; }

    /// <summary>While on, every delivery from this node fails as if the network were down.</summary>
    public OfflineSwitch Offline { get; }

    public string Thumbprint => FederationCertificateAuthority.ThumbprintOf(Authority.NodeCertificate);

    public static async Task<BenchNode> StartAsync(string id, NodeLevel level, string region, string folder, IReadOnlyDictionary<string, string?> federation)
    {
        var port = FreePort();
        var address = $"https://127.0.0.1:{port}";
        var authority = FederationCertificateAuthority.Create(id, TimeProvider.System);
        var offline = new OfflineSwitch();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        var settings = new Dictionary<string, string?>(federation)
        {
            ["Node:Id"] = id,
            ["Node:Name"] = id,
            ["Node:Level"] = level.ToString(),
            ["Node:RegionCode"] = region,
            ["Federation:PublicAddress"] = address,
        };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<NodeOptions>().Bind(builder.Configuration.GetSection(NodeOptions.SectionName));
        builder.Services.AddGrpc();
        var database = Path.Combine(folder, $"{id}.db");
        builder.Services.AddDbContext<SqliteFederationDbContext>(o => o.UseSqlite($"Data Source={database};Default Timeout=60"));
        builder.Services.AddScoped<FederationDbContext>(sp => sp.GetRequiredService<SqliteFederationDbContext>());
        builder.Services.AddPlatformFederationCore(builder.Configuration);
        builder.Services.AddSingleton(authority);
        builder.Services.AddSingleton<IFederationTransport>(new SwitchedTransport(new GrpcFederationTransport(authority), offline));
        builder.Services.AddScoped<ParentRegistration>();
        builder.Services.AddSingleton<ParentCertificateCollector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ParentCertificateCollector>());
        // A city passes tasks down to its counties and reports up to its province, as the cascade and progress flows do.
        builder.Services.AddSingleton<IFederationMessageHandler>(new RelayHandler(Traffic.TaskWireName, level == NodeLevel.City ? LinkRole.Child : null));
        builder.Services.AddSingleton<IFederationMessageHandler>(new RelayHandler(Traffic.ReportWireName, level == NodeLevel.City ? LinkRole.Parent : null));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseFederationTls(authority.NodeCertificate)));
        var app = builder.Build();
        app.MapGrpcService<FederationExchangeGrpcService>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SqliteFederationDbContext>().Database.MigrateAsync();
        }
        await app.StartAsync();
        return new BenchNode(id, level, region, port, authority, app, offline);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> InStoreAsync<T>(Func<FederationDbContext, Task<T>> work) =>
        InScopeAsync(sp => work(sp.GetRequiredService<FederationDbContext>()));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Authority.Dispose();
    }

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

/// <summary>
/// Receives one wire name; at a city, writes each message on to its children (tasks) or its parent
/// (reports) in the same transaction as the inbox row, with the same message id.
/// </summary>
public sealed class RelayHandler(string wireName, LinkRole? relayTo) : IFederationMessageHandler
{
    public string WireName => wireName;

    public async Task ApplyAsync(FederationDbContext db, FederationLink link, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        if (relayTo is not { } role)
        {
            return;
        }
        var targets = await db.Links.Where(l => l.Role == role && l.State == LinkState.Active).Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var target in targets)
        {
            await LinkOutbox.EnqueueAsync(db, target, envelope.MessageId, wireName, envelope.Payload, envelope.OccurredAt, cancellationToken);
        }
    }
}
