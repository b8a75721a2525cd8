using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Federation;

public static class FederationHosting
{
    /// <summary>The federation store's name in <c>Audit:Stores</c> (its connection string is <c>federationdb</c>).</summary>
    public const string AuditStore = "federation";

    /// <summary>
    /// Federation at a node's edge: the store (<c>federationdb</c>, migrated at start), the core, the flows
    /// (ADR 0018), the node's authority (key file created 0600 on first start), the gRPC transport, the collector of a
    /// pending parent link's certificate and, when <c>Federation:ListenUrl</c> is set, the mutual-TLS listener.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformFederation(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformNodeOptions();
        builder.AddPlatformGrpc();
        builder.AddPlatformDbContext<FederationDbContext, SqliteFederationDbContext, PostgresFederationDbContext>("federationdb");
        // Its writes (links, codes, approvals, revocations) append audit entries like a service's: the edge seals them too.
        builder.Services.AddAuditedStore(AuditStore);
        builder.Services.AddPlatformFederationCore(builder.Configuration);
        builder.Services.AddPlatformFederationFlows();
        var configured = builder.Configuration.GetSection(FederationOptions.SectionName).Get<FederationOptions>() ?? new FederationOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var contentRoot = builder.Environment.ContentRootPath;
        var keyFile = string.IsNullOrWhiteSpace(configured.KeyFile)
            ? Path.Combine(Path.GetFullPath(database.DataDirectory, contentRoot), "keys", "federation.pem")
            : Path.GetFullPath(configured.KeyFile, contentRoot);
        builder.Services.AddSingleton(sp =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            return FederationCertificateAuthority.LoadOrCreate(keyFile, sp.GetRequiredService<IOptions<NodeOptions>>().Value.Id, sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddSingleton<IFederationTransport, GrpcFederationTransport>();
        builder.Services.AddScoped<ParentRegistration>();
        builder.Services.AddSingleton<ParentCertificateCollector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ParentCertificateCollector>());
        if (!string.IsNullOrWhiteSpace(configured.ListenUrl))
        {
            var (address, port) = ParseListenUrl(configured.ListenUrl);
            builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(sp => new ConfigureOptions<KestrelServerOptions>(kestrel =>
                kestrel.Listen(address, port, listen => listen.UseFederationTls(sp.GetRequiredService<FederationCertificateAuthority>().NodeCertificate))));
        }
        return builder;
    }

    /// <summary>platform.federation.v1: link management for operators, and the node-to-node exchange (refused off the listener).</summary>
    public static IEndpointRouteBuilder MapPlatformFederation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<FederationLinksGrpcService>();
        // Nodes carry no bearer token: the service itself admits only callers with a client certificate.
        endpoints.MapGrpcService<FederationExchangeGrpcService>().AllowAnonymous();
        return endpoints;
    }

    internal static (IPAddress Address, int Port) ParseListenUrl(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.IsDefaultPort && !url.Contains(":443", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Federation:ListenUrl '{url}' must be https://<address>:<port>.");
        }
        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) => ip,
            _ => throw new InvalidOperationException($"Federation:ListenUrl '{url}' must name an IP address, localhost or *."),
        };
        return (address, uri.Port);
    }
}
