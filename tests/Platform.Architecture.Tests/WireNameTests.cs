using System.Reflection;
using MassTransit;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;

namespace Platform.Architecture.Tests;

/// <summary>
/// Every integration event and every consumer carries its own stable wire name,
/// <c>&lt;service&gt;.&lt;snake_name&gt;.v&lt;N&gt;</c>: the outbox, the bus and the inbox know them by it, not by class.
/// </summary>
public sealed class WireNameTests
{
    private static readonly string[] Modules = ["Planning", "Inspection", "Rectification", "Assessment", "Notification"];

    [Fact]
    public void Every_event_has_a_unique_wire_name_of_its_own_service()
    {
        var events = EventTypeRegistry.EventTypes;
        Assert.NotEmpty(events);
        var names = events.Select(t => (Type: t, Name: WireNameAttribute.Of(t))).ToList();
        Assert.All(names, n => Assert.True(n.Name is not null, $"{n.Type.FullName} declares no [WireName]"));
        Assert.All(names, n => Assert.Matches(WireNameAttribute.Format(), n.Name!));
        // The service is the one whose namespace the event lives in: Platform.Contracts.Events.Planning -> planning.
        Assert.All(names, n => Assert.StartsWith(n.Type.Namespace![(n.Type.Namespace!.LastIndexOf('.') + 1)..].ToLowerInvariant() + ".", n.Name!));
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_consumer_has_a_unique_wire_name_of_its_own_service()
    {
        var consumers = Modules
            .SelectMany(m => Assembly.Load($"Platform.{m}.Module").GetTypes().Select(t => (Module: m, Type: t)))
            .Where(x => x.Type is { IsClass: true, IsAbstract: false } && x.Type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)))
            .ToList();
        Assert.NotEmpty(consumers);
        var names = consumers.Select(c => (c.Module, c.Type, Name: WireNameAttribute.Of(c.Type))).ToList();
        Assert.All(names, n => Assert.True(n.Name is not null, $"{n.Type.FullName} declares no [WireName]"));
        Assert.All(names, n => Assert.Matches(WireNameAttribute.Format(), n.Name!));
        Assert.All(names, n => Assert.StartsWith(n.Module.ToLowerInvariant() + ".", n.Name!));
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_bus_names_an_event_by_its_wire_name()
    {
        Assert.Equal("urn:message:planning.task_assigned.v1", MessageUrn.ForTypeString<Contracts.Events.Planning.TaskAssigned>());
        Assert.Equal("urn:message:rectification.item_opened.v1", MessageUrn.ForTypeString<Contracts.Events.Rectification.RectificationItemOpened>());
    }

    [Theory]
    [InlineData("planning.TaskAssigned.v1")]
    [InlineData("planning.task_assigned")]
    [InlineData("task_assigned.v1")]
    [InlineData("planning.task_assigned.v0")]
    public void A_name_not_of_the_form_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new WireNameAttribute(name));
}
