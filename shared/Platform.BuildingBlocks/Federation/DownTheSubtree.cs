using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Puts what the office issued for the subtree below it (a calendar update, a reporting-rule update: ADR 0024) on the links
/// of the children it named, or of every child not revoked (a pending child gets it once approved). Each flow derives one,
/// named by its own wire name, and says which wire name it uses and where the update and the children named are.
/// </summary>
public abstract class IssuedForSubtreeConsumer<TIssued>(
    FederationDbContext db, TimeProvider clock, string wireName, Func<TIssued, (object Update, IReadOnlyList<string> ChildNodeIds)> read)
    : IdempotentConsumer<TIssued, FederationDbContext>(db, clock)
    where TIssued : class, IIntegrationEvent
{
    // The local event's id is the message id on every link, so a redelivered event adds nothing.
    protected override Task HandleAsync(TIssued message, ConsumeContext<TIssued> context)
    {
        var (update, childNodeIds) = read(message);
        return LinkOutbox.EnqueueOnChildrenAsync(
            Db, context.MessageId!.Value, wireName, FederationFlows.Serialize(update), message.OccurredAt, [.. childNodeIds], context.CancellationToken);
    }
}

/// <summary>
/// What came from the parent for the whole subtree becomes this node's local event (<paramref name="received"/>: from the
/// parent's link, the payload and the envelope) and goes on, unchanged and under the same message id, to every child of
/// this node that is not revoked, in the transaction of the inbox row.
/// </summary>
public abstract class RelayedDownHandler<TPayload>(
    string wireName, ILogger logger, Func<FederationLink, TPayload, FederationEnvelope, IIntegrationEvent> received)
    : DirectedFlowHandler<TPayload>(LinkRole.Parent, logger)
{
    public override string WireName => wireName;

    protected override async Task ApplyDirectedAsync(
        FederationDbContext db, FederationLink link, TPayload payload, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(ToLocalEvent(link, payload, envelope));
        await LinkOutbox.EnqueueOnChildrenAsync(db, envelope.MessageId, WireName, envelope.Payload, envelope.OccurredAt, [], cancellationToken);
    }

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, TPayload payload, FederationEnvelope envelope) =>
        received(link, payload, envelope);
}
