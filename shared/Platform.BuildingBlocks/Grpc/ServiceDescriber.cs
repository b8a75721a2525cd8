using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Common.V1;

namespace Platform.BuildingBlocks.Grpc;

/// <summary>Answers DescribeService for any module: node, storage, schema version and outbox backlog.</summary>
public sealed class ServiceDescriber<TContext>(
    TContext db,
    DatabaseDescription<TContext> database,
    MessagingOptions messaging,
    IOptions<NodeOptions> node)
    where TContext : PlatformDbContext
{
    public async Task<ServiceDescription> DescribeAsync(string serviceName, PlatformUser caller, CancellationToken cancellationToken)
    {
        caller.RequireAnyRole(PlatformRoles.NodeOperator, PlatformRoles.OfficeStaff);
        var pending = await db.OutboxMessages.LongCountAsync(m => m.PublishedAt == null, cancellationToken);
        var failing = await db.OutboxMessages.LongCountAsync(m => m.PublishedAt == null && m.LastError != null, cancellationToken);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        return new ServiceDescription
        {
            Service = serviceName,
            NodeId = node.Value.Id,
            NodeName = node.Value.Name,
            DatabaseProvider = database.Provider.ToString(),
            SchemaVersion = applied.LastOrDefault() ?? string.Empty,
            OutboxPending = pending,
            OutboxFailing = failing,
            MessagingTransport = messaging.Transport.ToString(),
        };
    }
}
