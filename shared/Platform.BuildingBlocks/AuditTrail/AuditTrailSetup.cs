using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Locks;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;
using Proto = Platform.Contracts.Audit.V1;

namespace Platform.BuildingBlocks.AuditTrail;

public static class AuditTrailSetup
{
    /// <summary>
    /// The node-level half of the audit trail, for the edge (the embedded node or the gateway):
    /// the sealer that chains every store, the checkpoint key, verification and platform.audit.v1.
    /// The services' half (appending entries) comes with every module's DbContext.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformNodeOptions();
        builder.AddPlatformLeases();
        builder.AddPlatformGrpc();
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var environment = builder.Environment;
        builder.Services.AddOptions<AuditOptions>()
            .Bind(builder.Configuration.GetSection(AuditOptions.SectionName))
            .PostConfigure(o =>
            {
                if (o.Stores.Length == 0)
                {
                    o.Stores = AuditOptions.DefaultStores;
                }
                // The embedded node keeps its key beside its data, created on first start like the token key.
                if (string.IsNullOrWhiteSpace(o.CheckpointKey) && string.IsNullOrWhiteSpace(o.CheckpointKeyFile) && database.Provider == DatabaseProvider.Sqlite)
                {
                    o.CheckpointKeyFile = Path.Combine(Path.GetFullPath(database.DataDirectory, environment.ContentRootPath), "keys", "audit-checkpoint.pem");
                    o.CreateKeyFileIfMissing = true;
                }
                else if (!string.IsNullOrWhiteSpace(o.CheckpointKeyFile))
                {
                    o.CheckpointKeyFile = Path.GetFullPath(o.CheckpointKeyFile, environment.ContentRootPath);
                }
                if (!string.IsNullOrWhiteSpace(o.AnchorFile))
                {
                    o.AnchorFile = Path.GetFullPath(o.AnchorFile, environment.ContentRootPath);
                }
                else if (!string.IsNullOrWhiteSpace(o.CheckpointKeyFile))
                {
                    // Beside the key: outside the databases, where whoever edits them does not reach.
                    o.AnchorFile = Path.Combine(Path.GetDirectoryName(o.CheckpointKeyFile)!, "audit-anchor.json");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<Persistence.SqliteWriteGate>();
        builder.Services.TryAddSingleton<AuditStores>();
        builder.Services.TryAddSingleton<CheckpointSigner>();
        builder.Services.TryAddSingleton<AuditAnchors>();
        builder.Services.TryAddSingleton<AuditEntryKey>();
        builder.Services.AddKeyFileCheck(sp =>
            [("Audit:CheckpointKeyFile", sp.GetRequiredService<IOptions<AuditOptions>>().Value is { CheckpointKey: null or "" } audit ? audit.CheckpointKeyFile : null)]);
        builder.Services.TryAddSingleton<AuditVerifier>();
        builder.Services.TryAddSingleton<AuditSearch>();
        builder.Services.TryAddSingleton<AuditSealer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditSealer>());
        return builder;
    }

    /// <summary>
    /// A store beside the five services' whose writes append audit entries (federationdb, consoledb):
    /// the edge seals, searches and verifies it too.
    /// </summary>
    public static IServiceCollection AddAuditedStore(this IServiceCollection services, string store) =>
        services.PostConfigure<AuditOptions>(o =>
        {
            if (o.Stores.Length == 0)
            {
                o.Stores = AuditOptions.DefaultStores;
            }
            if (!o.Stores.Contains(store))
            {
                o.Stores = [.. o.Stores, store];
            }
        });

    /// <summary>platform.audit.v1 over gRPC and REST, and the CSV download for browsers.</summary>
    public static IEndpointRouteBuilder MapPlatformAuditTrail(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<AuditGrpcService>();
        endpoints.MapGet("/api/audit/v1/entries.csv", ExportCsvAsync).RequireAuthorization().AddEndpointFilter<RestErrorFilter>();
        return endpoints;
    }

    private static async Task ExportCsvAsync(HttpContext http, AuditStores stores, AuditSearch search)
    {
        AuditGrpcService.RequireAuditor(http);
        var q = http.Request.Query;
        var filter = new Proto.EntryFilter
        {
            UserId = q["user_id"].ToString(),
            From = q["from"].ToString(),
            To = q["to"].ToString(),
            Service = q["service"].ToString(),
            Action = q["action"].ToString(),
            Operation = q["operation"].ToString(),
            EntityType = q["entity_type"].ToString(),
            EntityId = q["entity_id"].ToString(),
        };
        var validator = new RequestValidator();
        var query = AuditQuery.Parse(validator, filter, stores);
        validator.ThrowIfInvalid();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit-trail.csv\"";
        await using var buffer = new MemoryStream();
        await AuditCsv.WriteAsync(search.StreamAsync(query, http.RequestAborted), buffer, async chunk =>
            await http.Response.Body.WriteAsync(chunk, http.RequestAborted));
    }
}
