using MassTransit;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Inspection;
using Platform.Rectification.Module.Features;
using RectificationItem = Platform.Rectification.Module.Domain.RectificationItem;

namespace Platform.Rectification.Module.Consumers;

/// <summary>
/// Opens one rectification item per finding fed back to a unit. Idempotent twice over: the
/// inbox drops a redelivered message, and the unique finding id drops the same feedback
/// republished under a new message id. When two deliveries race, the loser's insert fails on
/// the unique index, the consumer retry runs it again, and the second attempt finds the items.
/// </summary>
[WireName("rectification.feedback_given_consumer.v1")]
public sealed class FeedbackGivenConsumer(
    RectificationDbContext db,
    TimeProvider clock,
    DeadlinePolicy deadlines,
    IOptions<NodeOptions> node)
    : IdempotentConsumer<FeedbackGiven, RectificationDbContext>(db, clock)
{
    public const string QueueName = "rectification-feedback-given";

    protected override async Task HandleAsync(FeedbackGiven message, ConsumeContext<FeedbackGiven> context)
    {
        var findingIds = message.Findings.Select(f => f.FindingId).Distinct().ToList();
        var existing = await Db.Items.AsNoTracking()
            .Where(i => findingIds.Contains(i.FindingId))
            .Select(i => i.FindingId)
            .ToListAsync(context.CancellationToken);
        var known = existing.ToHashSet();
        var feedbackDate = message.OccurredAt.DateInChina();
        var stamp = new Audit(message.GivenBy, Clock.GetUtcNow(), node.Value.Id);
        var regionCode = string.IsNullOrWhiteSpace(message.UnitRegionCode) ? node.Value.RegionCode : message.UnitRegionCode.Trim();
        foreach (var finding in message.Findings.DistinctBy(f => f.FindingId).Where(f => !known.Contains(f.FindingId)))
        {
            var severity = Severities.ByWireName.TryGetValue(finding.Severity ?? string.Empty, out var graded) ? graded : Severities.General;
            var deadline = deadlines.ForNewItem(severity, feedbackDate);
            var (item, entry) = RectificationItem.Open(
                finding.FindingId, message.FeedbackId, message.MissionId, Clip(message.MissionTitle, 300), message.UnitId, Clip(message.UnitName, 200), regionCode,
                Clip(finding.Title, 1000), Clip(finding.Description, 8000), Clip(finding.Location, 500), Clip(finding.Category, 100), severity,
                deadline, feedbackDate, stamp);
            Db.Items.Add(item);
            Db.History.Add(entry);
        }
        await RememberTeamAsync(message, context.CancellationToken);
    }

    /// <summary>Keeps the mission's team as the newest feedback named it; an older sender names none and changes nothing.</summary>
    private async Task RememberTeamAsync(FeedbackGiven message, CancellationToken cancellationToken)
    {
        if (message.MissionTeam is null)
        {
            return;
        }
        var stored = await Db.MissionTeams.Where(m => m.MissionId == message.MissionId).ToListAsync(cancellationToken);
        if (stored.Count > 0 && stored.Max(m => m.AsOf) > message.OccurredAt)
        {
            return;
        }
        var team = message.MissionTeam
            .Where(u => !string.IsNullOrWhiteSpace(u))
            .Select(u => Clip(u, 200))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var member in stored)
        {
            if (team.Remove(member.UserId))
            {
                member.Confirm(message.OccurredAt);
            }
            else
            {
                Db.MissionTeams.Remove(member);
            }
        }
        Db.MissionTeams.AddRange(team.Select(u => MissionTeamMember.Create(message.MissionId, u, message.OccurredAt)));
    }

    private static string Clip(string? value, int max)
    {
        var text = value?.Trim() ?? string.Empty;
        return text.Length <= max ? text : text[..max];
    }
}
