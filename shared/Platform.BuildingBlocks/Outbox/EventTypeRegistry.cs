using System.Collections.Frozen;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// The event records of Platform.Contracts by their wire names (<see cref="WireNameAttribute"/>), the
/// names the outbox stores. Rows written before the wire names carry the CLR type's full name; those
/// still resolve, so an upgrade strands none of them.
/// </summary>
public static class EventTypeRegistry
{
    public static IReadOnlyCollection<Type> EventTypes { get; } = typeof(IIntegrationEvent).Assembly
        .GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToArray();

    private static readonly FrozenDictionary<string, Type> ByWireName = EventTypes
        .ToFrozenDictionary(t => WireNameOf(t), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Type> ByClrName = EventTypes
        .ToFrozenDictionary(t => t.FullName!, StringComparer.Ordinal);

    /// <summary>The wire name of an event or consumer type; a type without one is a programming error.</summary>
    public static string WireNameOf(Type type) =>
        WireNameAttribute.Of(type)
        ?? throw new InvalidOperationException($"{type.FullName} declares no [WireName]; every integration event and consumer needs one.");

    public static Type Resolve(string storedName) =>
        ByWireName.TryGetValue(storedName, out var type) || ByClrName.TryGetValue(storedName, out type)
            ? type
            : throw new InvalidOperationException($"Outbox row names unknown event type '{storedName}'.");
}
