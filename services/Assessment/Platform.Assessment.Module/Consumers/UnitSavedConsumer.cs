using MassTransit;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Planning;
using AssessmentUnit = Platform.Assessment.Module.Domain.AssessmentUnit;

namespace Platform.Assessment.Module.Consumers;

/// <summary>
/// Keeps assessment's copy of the node's units from planning's events. Events may arrive out of
/// order (redelivery, two instances): the copy takes a version only if it is not older than the one held.
/// </summary>
[WireName("assessment.unit_saved_consumer.v1")]
public sealed class UnitSavedConsumer(AssessmentDbContext db, TimeProvider clock)
    : IdempotentConsumer<UnitSaved, AssessmentDbContext>(db, clock)
{
    public const string QueueName = "assessment-unit-saved";

    protected override async Task HandleAsync(UnitSaved message, ConsumeContext<UnitSaved> context)
    {
        var name = Clip(message.Name, 200);
        var shortName = Clip(message.ShortName, 100);
        var kind = Clip(message.Kind, 20);
        var region = Clip(message.RegionCode, 6);
        var unit = await Db.Units.SingleOrDefaultAsync(u => u.Id == message.UnitId, context.CancellationToken);
        if (unit is null)
        {
            Db.Units.Add(AssessmentUnit.Create(message.UnitId, name, shortName, kind, region, message.OccurredAt));
        }
        else
        {
            unit.Apply(name, shortName, kind, region, message.OccurredAt);
        }
    }

    private static string Clip(string? value, int max)
    {
        var text = value?.Trim() ?? string.Empty;
        return text.Length <= max ? text : text[..max];
    }
}
