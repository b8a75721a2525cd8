using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// The stamp of the events a save carries: the caller (or "system" for a background worker or a
/// consumer), the clock and the node, the same words the audit trail uses.
/// </summary>
public sealed class EventStamper(IHttpContextAccessor http, TimeProvider clock, IOptions<NodeOptions> node)
{
    public Audit Now() => new(
        http.HttpContext?.User.FindFirst(PlatformClaims.Subject)?.Value ?? AuditEntry.SystemUser,
        clock.GetUtcNow(),
        node.Value.Id);
}

/// <summary>
/// Before a save, moves the events the tracked aggregates recorded into outbox rows of that same
/// save: a row commits if and only if the change that raised it does.
/// </summary>
public sealed class DomainEventInterceptor(EventStamper stamper) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        MoveToOutbox(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        MoveToOutbox(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void MoveToOutbox(DbContext? context)
    {
        if (context is PlatformDbContext platform)
        {
            platform.MoveDomainEventsToOutbox(stamper.Now);
        }
    }
}
