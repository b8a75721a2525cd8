using Platform.Contracts.Events;
using Platform.Contracts.Events.Inspection;

namespace Platform.Assessment.Module.Consumers;

/// <summary>An inspection finding against a unit: findings_general, findings_serious or findings_major by its severity.</summary>
[WireName("assessment.finding_recorded_fact_consumer.v1")]
public sealed class FindingRecordedFactConsumer(AssessmentDbContext db, TimeProvider clock) : UnitFactConsumer<FindingRecorded>(db, clock)
{
    public const string QueueName = "assessment-finding-recorded";

    protected override IEnumerable<FactOf> FactsOf(FindingRecorded message)
    {
        if (DerivedSources.OfFindingSeverity(message.Severity) is { } source)
        {
            yield return new FactOf(message.ResponsibleUnitId, source, $"finding {message.FindingId}", $"{message.Title}（{message.Category}）");
        }
    }
}
