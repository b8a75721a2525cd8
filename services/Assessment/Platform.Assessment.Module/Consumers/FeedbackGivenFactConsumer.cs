using Platform.Contracts.Events;
using Platform.Contracts.Events.Inspection;

namespace Platform.Assessment.Module.Consumers;

/// <summary>
/// Inspection findings against a unit, counted from the day inspection fed them back to it (反馈): one
/// fact per finding of the feedback, findings_general, findings_serious or findings_major by its severity.
/// Not from the day a finding is recorded: until the feedback, inspection does not show the finding to
/// the unit, so its score must not show it either (its id and title would leak through the point).
/// </summary>
[WireName("assessment.feedback_given_fact_consumer.v1")]
public sealed class FeedbackGivenFactConsumer(AssessmentDbContext db, TimeProvider clock) : UnitFactConsumer<FeedbackGiven>(db, clock)
{
    public const string QueueName = "assessment-feedback-given";

    protected override IEnumerable<FactOf> FactsOf(FeedbackGiven message)
    {
        foreach (var finding in message.Findings)
        {
            if (DerivedSources.OfFindingSeverity(finding.Severity) is { } source)
            {
                yield return new FactOf(message.UnitId, source, $"finding {finding.FindingId}", $"{finding.Title}（{finding.Category}）");
            }
        }
    }
}
