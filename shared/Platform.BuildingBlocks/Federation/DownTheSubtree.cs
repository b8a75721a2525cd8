using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Puts what the office issued for the subtree below it (a calendar update, a reporting-rule update: ADR 0024) on the links
/// of the children it named, or of every child not revoked (a pending child gets it once approved). Each flow derives one,
/// named by its own wire name.
/// </summary>
public abstract class IssuedForSubtreeConsumer<TIssued>(FederationDbContext db, TimeProvider clock)
    : IdempotentConsumer<TIssued, FederationDbContext>(db, clock)
    where TIssued : class, IIntegrationEvent
{
    /// <summary>The wire name on the links.</summary>
    protected abstract string WireName { get; }

    /// <summary>The payload as it crosses the link.</summary>
    protected abstract string Payload(TIssued message);

    /// <summary>The children the office named; empty: every child.</summary>
    protected abstract IReadOnlyCollection<string> ChildNodeIds(TIssued message);

    // The local event's id is the message id on every link, so a redelivered event adds nothing.
    protected override Task HandleAsync(TIssued message, ConsumeContext<TIssued> context) =>
        LinkOutbox.EnqueueOnChildrenAsync(
            Db, context.MessageId!.Value, WireName, Payload(message), message.OccurredAt, ChildNodeIds(message), context.CancellationToken);
}

/// <summary>
/// What came from the parent for the whole subtree becomes this node's local event and goes on, unchanged and under the same
/// message id, to every child of this node that is not revoked, in the transaction of the inbox row.
/// </summary>
public abstract class RelayedDownHandler<TPayload>(ILogger logger) : DirectedFlowHandler<TPayload>(LinkRole.Parent, logger)
{
    protected override async Task ApplyDirectedAsync(
        FederationDbContext db, FederationLink link, TPayload payload, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(ToLocalEvent(link, payload, envelope));
        await LinkOutbox.EnqueueOnChildrenAsync(db, envelope.MessageId, WireName, envelope.Payload, envelope.OccurredAt, [], cancellationToken);
    }
}
