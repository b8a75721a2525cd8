using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>Builds entries for the current request: who, when, on which node, through which RPC, from where.</summary>
public sealed class AuditRecorder(IHttpContextAccessor http, TimeProvider clock, IOptions<NodeOptions> node, AuditEntryKey entryKey)
{
    public AuditEntry NewEntry(string service, string operation, string entityType, string entityId, string detail)
    {
        var entry = Describe(service, operation, entityType, entityId, detail);
        // The MAC proves a service appended it: a row inserted directly in the database has none that fits.
        entry.Mac = entryKey.Key is { } key ? AuditEntryMac.Compute(key, entry) : null;
        return entry;
    }

    /// <summary>
    /// An entry whose caller and action are given rather than read from the request: the console's
    /// pages run in a Blazor circuit, where no request of the API carries the person (ADR 0011).
    /// </summary>
    public AuditEntry NewEntry(string service, string userId, string action, string operation, string entityType, string entityId, string detail)
    {
        var entry = Describe(service, operation, entityType, entityId, detail);
        entry.UserId = AuditLimits.Clip(userId, 100);
        entry.Action = AuditLimits.Clip(action, 200);
        entry.Mac = entryKey.Key is { } key ? AuditEntryMac.Compute(key, entry) : null;
        return entry;
    }

    private AuditEntry Describe(string service, string operation, string entityType, string entityId, string detail)
    {
        var context = http.HttpContext;
        return new AuditEntry
        {
            RecordedAt = AuditEntry.Truncate(clock.GetUtcNow()),
            NodeId = node.Value.Id,
            Service = service,
            UserId = AuditLimits.Clip(CallerId(context), 100),
            ClientAddress = AuditLimits.Clip(ClientAddress(context), 100),
            Action = AuditLimits.Clip(ActionOf(context), 200),
            Operation = operation,
            EntityType = AuditLimits.Clip(entityType, 100),
            EntityId = AuditLimits.Clip(entityId, 200),
            Detail = AuditLimits.Clip(detail, AuditLimits.Detail),
        };
    }

    private static string CallerId(HttpContext? context) =>
        context?.User.FindFirst(PlatformClaims.Subject)?.Value ?? AuditEntry.SystemUser;

    private static string ActionOf(HttpContext? context)
    {
        if (context is null)
        {
            return AuditEntry.SystemUser;
        }
        // gRPC and its REST transcoding both carry the method, so one action name serves both.
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>();
        return method is not null ? "/" + method.Method.FullName.TrimStart('/') : $"{context.Request.Method} {context.Request.Path}";
    }

    private static string ClientAddress(HttpContext? context)
    {
        if (context is null)
        {
            return string.Empty;
        }
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
        // Behind the gateway the last X-Forwarded-For hop is the client the gateway saw; keep
        // the proxy's own address beside it, since a direct caller could send the header too.
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (string.IsNullOrWhiteSpace(forwarded))
        {
            return remote;
        }
        var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is null ? remote : remote.Length == 0 ? last : $"{last} via {remote}";
    }
}

/// <summary>
/// Adds an audit entry for every entity a SaveChanges creates, changes or deletes, to that same
/// SaveChanges: the entry commits if and only if the write does.
/// </summary>
public sealed class AuditWriteInterceptor(AuditRecorder recorder, string service) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Plumbing = [typeof(OutboxMessage), typeof(ProcessedMessage), typeof(AuditEntry), typeof(AuditCheckpoint)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Append(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Append(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Append(DbContext? context)
    {
        if (context is not PlatformDbContext db)
        {
            return;
        }
        // A platform context's save has detected its changes already (PlatformDbContext.DetectingChangesOnceAsync).
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }
        var entries = new List<AuditEntry>();
        foreach (var change in context.ChangeTracker.Entries())
        {
            // Owned entities count too: adding a milestone to a plan may leave the plan itself unchanged.
            if (Plumbing.Contains(change.Metadata.ClrType))
            {
                continue;
            }
            var operation = change.State switch
            {
                EntityState.Added => "create",
                EntityState.Modified => "update",
                EntityState.Deleted => "delete",
                _ => null,
            };
            if (operation is null)
            {
                continue;
            }
            entries.Add(recorder.NewEntry(
                service,
                operation,
                change.Metadata.GetTableName() ?? change.Metadata.ClrType.Name,
                KeyOf(change),
                change.State == EntityState.Modified ? ChangedColumns(change) : string.Empty));
        }
        db.AuditEntries.AddRange(entries);
    }

    private static string KeyOf(EntityEntry change) =>
        string.Join("/", change.Metadata.FindPrimaryKey()?.Properties.Select(p => change.Property(p.Name).CurrentValue?.ToString() ?? string.Empty) ?? []);

    private static string ChangedColumns(EntityEntry change) =>
        string.Join(",", change.Properties.Where(p => p.IsModified).Select(p => p.Metadata.GetColumnName())
            .Concat(change.ComplexProperties.SelectMany(c => c.Properties).Where(p => p.IsModified).Select(p => p.Metadata.GetColumnName())));
}
