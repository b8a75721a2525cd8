using Platform.BuildingBlocks.Kernel.Events;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// How a module's domain events become its integration events: one entry a domain event type, given
/// the stamp of the save that carries it. The wire shape stays in Platform.Contracts, the domain
/// stays free of it, and the stamp is filled in one place instead of in every handler.
/// </summary>
public sealed class DomainEventMap
{
    private readonly Dictionary<Type, Func<IDomainEvent, Audit, IIntegrationEvent>> _maps = [];

    /// <summary>Maps <typeparamref name="TDomainEvent"/> to the integration event <paramref name="map"/> builds.</summary>
    public DomainEventMap On<TDomainEvent>(Func<TDomainEvent, Audit, IIntegrationEvent> map)
        where TDomainEvent : IDomainEvent
    {
        _maps.Add(typeof(TDomainEvent), (e, stamp) => map((TDomainEvent)e, stamp));
        return this;
    }

    /// <summary>The integration event for <paramref name="domainEvent"/>; an unmapped type is a programming error.</summary>
    public IIntegrationEvent Map(IDomainEvent domainEvent, Audit stamp) =>
        _maps.TryGetValue(domainEvent.GetType(), out var map)
            ? map(domainEvent, stamp)
            : throw new InvalidOperationException(
                $"{domainEvent.GetType().FullName} has no integration event; map it in the context's MapDomainEvents.");
}
