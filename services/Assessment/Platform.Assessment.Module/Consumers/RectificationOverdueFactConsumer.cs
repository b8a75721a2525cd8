using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Rectification;

namespace Platform.Assessment.Module.Consumers;

/// <summary>An item past its deadline: rectification_overdue, once per item and deadline.</summary>
[WireName("assessment.rectification_overdue_fact_consumer.v1")]
public sealed class RectificationOverdueFactConsumer(AssessmentDbContext db, TimeProvider clock) : UnitFactConsumer<RectificationOverdue>(db, clock)
{
    public const string QueueName = "assessment-rectification-overdue";

    protected override IEnumerable<FactOf> FactsOf(RectificationOverdue message) =>
    [
        new(message.UnitId, DerivedSources.RectificationOverdue, $"item {message.ItemId} deadline {message.Deadline.ToWire()}",
            $"{message.Title}：整改逾期（期限{message.Deadline.ToWire()}）"),
    ];
}
