namespace Platform.BuildingBlocks.Kernel.Events;

/// <summary>
/// Something that happened to an aggregate, in the domain's words. It carries no wire name and no
/// stamp: the store maps it to an integration event and stamps it (who, when, on which node) when
/// the change is saved, so the event commits exactly when the change does.
/// </summary>
public interface IDomainEvent;

/// <summary>A domain event and when, among all recorded in this process, it was recorded.</summary>
public readonly record struct RecordedEvent(long Sequence, IDomainEvent Event);

/// <summary>An entity that records domain events for the store to take on SaveChanges.</summary>
public interface IHasDomainEvents
{
    /// <summary>Returns what was recorded since the last call and forgets it, so a second save does not send it again.</summary>
    IReadOnlyList<RecordedEvent> TakeDomainEvents();
}

/// <summary>Base of aggregates that record what happened to them.</summary>
public abstract class AggregateRoot : IHasDomainEvents
{
    // Events of several aggregates in one save reach the outbox in the order they happened.
    private static long _sequence;

    // A field, not a property: the store maps properties, and recorded events are not state.
    private readonly List<RecordedEvent> _domainEvents = [];

    protected void Record(IDomainEvent domainEvent) =>
        _domainEvents.Add(new RecordedEvent(Interlocked.Increment(ref _sequence), domainEvent));

    public IReadOnlyList<RecordedEvent> TakeDomainEvents()
    {
        if (_domainEvents.Count == 0)
        {
            return [];
        }
        var taken = _domainEvents.ToArray();
        _domainEvents.Clear();
        return taken;
    }
}
