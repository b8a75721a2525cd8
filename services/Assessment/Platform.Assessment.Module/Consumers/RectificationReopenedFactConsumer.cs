using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Rectification;

namespace Platform.Assessment.Module.Consumers;

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
