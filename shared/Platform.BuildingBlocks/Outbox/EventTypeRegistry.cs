using System.Collections.Frozen;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>Maps the type names stored in the outbox back to the event records of Platform.Contracts.</summary>
public static class EventTypeRegistry
{
    private static readonly FrozenDictionary<string, Type> Types = typeof(IIntegrationEvent).Assembly
        .GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.FullName!, StringComparer.Ordinal);

    public static Type Resolve(string typeName) =>
        Types.TryGetValue(typeName, out var type)
            ? type
            : throw new InvalidOperationException($"Outbox row names unknown event type '{typeName}'.");
}
