using Platform.Assessment.Module.Domain;
using Platform.Assessment.Module.Infrastructure;
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

/// <summary>A closed item reopened by a look-back (回头看) re-check: look_back_failed. Other reopenings are not scored.</summary>
[WireName("assessment.rectification_reopened_fact_consumer.v1")]
public sealed class RectificationReopenedFactConsumer(AssessmentDbContext db, TimeProvider clock) : UnitFactConsumer<RectificationReopened>(db, clock)
{
    public const string QueueName = "assessment-rectification-reopened";

    /// <summary>The cause rectification gives a reopening by a look-back.</summary>
    public const string LookBackCause = "look_back";

    protected override IEnumerable<FactOf> FactsOf(RectificationReopened message)
    {
        if (message.Cause == LookBackCause)
        {
            yield return new FactOf(message.UnitId, DerivedSources.LookBackFailed,
                $"item {message.ItemId} reopened {message.OccurredAt.UtcDateTime:O}", $"{message.Title}：回头看未通过，重新整改");
        }
    }
}
