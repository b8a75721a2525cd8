using Platform.Contracts.Events.Planning;

namespace Platform.Notification.Module.Consumers;

/// <summary>Keeps notification's copy of the node's unit names from planning's events (newest version wins).</summary>
[WireName("notification.unit_saved_consumer.v1")]
public sealed class UnitSavedConsumer(NotificationDbContext db, TimeProvider clock)
    : IdempotentConsumer<UnitSaved, NotificationDbContext>(db, clock)
{
    public const string QueueName = "notification-unit-saved";

    protected override async Task HandleAsync(UnitSaved message, ConsumeContext<UnitSaved> context)
    {
        var unit = await Db.Units.SingleOrDefaultAsync(u => u.Id == message.UnitId, context.CancellationToken);
        if (unit is null)
        {
            Db.Units.Add(KnownUnit.Create(message.UnitId, message.Name, message.OccurredAt));
        }
        else
        {
            unit.Apply(message.Name, message.OccurredAt);
        }
    }
}
