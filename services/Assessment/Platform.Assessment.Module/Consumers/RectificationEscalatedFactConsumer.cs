using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Rectification;

namespace Platform.Assessment.Module.Consumers;

/// <summary>A step of the escalation ladder: rectification_escalated, once per item and step.</summary>
[WireName("assessment.rectification_escalated_fact_consumer.v1")]
public sealed class RectificationEscalatedFactConsumer(AssessmentDbContext db, TimeProvider clock) : UnitFactConsumer<RectificationEscalated>(db, clock)
{
    public const string QueueName = "assessment-rectification-escalated";

    protected override IEnumerable<FactOf> FactsOf(RectificationEscalated message) =>
    [
        new(message.UnitId, DerivedSources.RectificationEscalated, $"item {message.ItemId} step {message.StepOrder}",
            $"{message.Title}：升级督办（{message.Step}）"),
    ];
}
