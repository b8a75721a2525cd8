using MassTransit;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;

namespace Platform.Assessment.Module.Consumers;

/// <summary>What one event says about a unit, before it is stamped with the event's id, kind and day.</summary>
public sealed record FactOf(Guid UnitId, string Source, string Subject, string Detail);

/// <summary>
/// Base of the consumers that turn other services' events into per-unit facts for derived scores.
/// The inbox of <see cref="IdempotentConsumer{TMessage,TContext}"/> makes a redelivery add nothing;
/// the fact keeps the message id and wire name so a point can name the event it came from.
/// </summary>
public abstract class UnitFactConsumer<TMessage>(AssessmentDbContext db, TimeProvider clock)
    : IdempotentConsumer<TMessage, AssessmentDbContext>(db, clock)
    where TMessage : class, IIntegrationEvent
{
    private static readonly string EventKind = WireNameAttribute.Of(typeof(TMessage))
        ?? throw new InvalidOperationException($"{typeof(TMessage).Name} has no wire name.");

    protected abstract IEnumerable<FactOf> FactsOf(TMessage message);

    protected override Task HandleAsync(TMessage message, ConsumeContext<TMessage> context)
    {
        var eventId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var on = message.OccurredAt.DateInChina();
        foreach (var fact in FactsOf(message))
        {
            Db.UnitFacts.Add(UnitFact.Record(fact.UnitId, fact.Source, fact.Subject, fact.Detail, eventId, EventKind, on));
        }
        return Task.CompletedTask;
    }
}
