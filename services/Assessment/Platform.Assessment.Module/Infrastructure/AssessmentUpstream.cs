using System.Text.Json;
using Platform.BuildingBlocks.Kernel.Time;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Platform.Assessment.Module.Features.Dossier;
using Platform.Assessment.Module.Features.DutyReports;
using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Federation;
using Wire = Platform.Contracts.Events.Assessment;
using Credential = Platform.Assessment.Module.Domain.Credential;
using ExamResult = Platform.Assessment.Module.Domain.ExamResult;
using Person = Platform.Assessment.Module.Domain.Person;
using PersonChange = Platform.Assessment.Module.Domain.PersonChange;
using RosterEntry = Platform.Assessment.Module.Domain.RosterEntry;
using StudySession = Platform.Assessment.Module.Domain.StudySession;
using TrainingClass = Platform.Assessment.Module.Domain.TrainingClass;

namespace Platform.Assessment.Module.Infrastructure;

/// <summary>
/// What goes up the hierarchy from assessment (ADR 0023), added to the save that caused it, in its transaction: a
/// received campaign's counts when its roster (or what its own children sent) changed, and the dossier of a party and
/// government head when anything in it changed. The edge carries both to the parent.
/// </summary>
internal static class AssessmentUpstream
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal sealed class Changes
    {
        public HashSet<Guid> Campaigns { get; } = [];

        /// <summary>People known to be (or to have just stopped being) party and government heads.</summary>
        public HashSet<Guid> Leaders { get; } = [];

        /// <summary>People whose dossier changed but whose kind of post the save does not show.</summary>
        public HashSet<Guid> People { get; } = [];

        public bool IsEmpty => Campaigns.Count == 0 && Leaders.Count == 0 && People.Count == 0;
    }

    public static Changes Collect(ChangeTracker tracker)
    {
        var changes = new Changes();
        foreach (var entry in tracker.Entries<RosterEntry>().Where(Changed))
        {
            changes.Campaigns.Add(entry.Entity.CampaignId);
            // A roster run adds thousands of due entries; a head's dossier changes when their report does.
            if (entry.State == EntityState.Modified && entry.Entity.PostKind == PostKind.PartyGovernmentHead)
            {
                changes.Leaders.Add(entry.Entity.PersonId);
            }
        }
        foreach (var entry in tracker.Entries<CampaignNodeCounts>().Where(Changed))
        {
            changes.Campaigns.Add(entry.Entity.CampaignId);
        }
        // A campaign just received tells the parent at once that it arrived.
        foreach (var entry in tracker.Entries<DutyCampaign>().Where(e => e.State == EntityState.Added && e.Entity.IsReceived))
        {
            changes.Campaigns.Add(entry.Entity.Id);
        }
        foreach (var entry in tracker.Entries<Person>().Where(Changed))
        {
            var was = entry.State == EntityState.Modified && entry.Property(p => p.PostKind).OriginalValue == PostKind.PartyGovernmentHead;
            if (was || entry.Entity.PostKind == PostKind.PartyGovernmentHead)
            {
                changes.Leaders.Add(entry.Entity.Id);
            }
        }
        foreach (var entry in tracker.Entries<PersonChange>().Where(e => e.State == EntityState.Added && e.Entity.PostKind == PostKind.PartyGovernmentHead))
        {
            changes.Leaders.Add(entry.Entity.PersonId);
        }
        changes.People.UnionWith(tracker.Entries<ExamResult>().Where(Changed).Select(e => e.Entity.PersonId));
        changes.People.UnionWith(tracker.Entries<Credential>().Where(Changed).Select(e => e.Entity.PersonId));
        changes.People.UnionWith(tracker.Entries<StudySession>().Where(Changed).SelectMany(e => e.Entity.AttendeeIds));
        changes.People.UnionWith(tracker.Entries<TrainingClass>().Where(Changed).SelectMany(e => e.Entity.Attendance.Select(a => a.PersonId)));
        changes.People.ExceptWith(changes.Leaders);
        return changes;
    }

    /// <returns>Whether any event was added (the caller saves it).</returns>
    public static async Task<bool> AddEventsAsync(AssessmentDbContext db, Changes changes, CancellationToken cancellationToken)
    {
        var added = false;
        var now = DateTimeOffset.UtcNow;
        foreach (var campaignId in changes.Campaigns)
        {
            // Usually tracked already (the handler loaded it): no query for a campaign of the node's own.
            var campaign = await db.Campaigns.FindAsync([campaignId], cancellationToken);
            if (campaign is not { IsReceived: true })
            {
                continue;
            }
            var nodes = new List<Wire.CampaignNodeProgress>
            {
                new(campaign.ReceiverNodeId!, campaign.OriginNodeId!, campaign.ReceiverRegionCode!, now, await CountAsync(db, campaign.Id, cancellationToken)),
            };
            nodes.AddRange(await BelowAsync(db, campaign.Id, cancellationToken));
            db.AddIntegrationEvent(new Wire.ReceivedCampaignProgressed(campaign.OriginNodeId!, campaign.OriginCampaignId!.Value, nodes, now, campaign.ReceiverNodeId!));
            added = true;
        }

        var leaders = new HashSet<Guid>(changes.Leaders);
        foreach (var chunk in changes.People.Chunk(500))
        {
            leaders.UnionWith(await db.People.AsNoTracking()
                .Where(p => chunk.Contains(p.Id) && p.PostKind == PostKind.PartyGovernmentHead).Select(p => p.Id).ToListAsync(cancellationToken));
        }
        foreach (var personId in leaders)
        {
            var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
            if (person is null)
            {
                continue;
            }
            var dossier = await DossierLoader.BuildAsync(db, person, now.DateInChina(), cancellationToken);
            db.AddIntegrationEvent(new Wire.LeaderDossierChanged(
                person.Id, person.Name, dossier.UnitName, dossier.Person.Position, dossier.Person.PostKind, dossier.Person.Status == "active", JsonFormatter.Default.Format(dossier),
                now, person.Created.NodeId));
            added = true;
        }
        return added;
    }

    /// <summary>This node's roster on a campaign, counted by unit, level and kind of post: numbers only.</summary>
    public static async Task<List<Wire.CampaignCount>> CountAsync(AssessmentDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var groups = await db.RosterEntries.AsNoTracking().Where(e => e.CampaignId == campaignId)
            .GroupBy(e => new { e.UnitId, e.Level, e.PostKind, e.Status, e.Rating })
            .Select(g => new { g.Key.UnitId, g.Key.Level, g.Key.PostKind, g.Key.Status, g.Key.Rating, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var unitIds = groups.Select(g => g.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return groups
            .GroupBy(g => (g.UnitId, g.Level, g.PostKind))
            .Select(g =>
            {
                int Of(RosterStatus status) => g.Where(x => x.Status == status).Sum(x => x.Count);
                int Rated(DutyRating rating) => g.Where(x => x.Rating == rating).Sum(x => x.Count);
                return new Wire.CampaignCount(
                    g.Key.UnitId, names.GetValueOrDefault(g.Key.UnitId, string.Empty), g.Key.Level.Wire(), g.Key.PostKind.Wire(),
                    g.Sum(x => x.Count) - Of(RosterStatus.Excused), Of(RosterStatus.Submitted) + Of(RosterStatus.Reviewed), Of(RosterStatus.Reviewed),
                    Of(RosterStatus.SentBack), Of(RosterStatus.Excused),
                    Rated(DutyRating.Excellent), Rated(DutyRating.Good), Rated(DutyRating.Fair), Rated(DutyRating.Poor));
            })
            .OrderBy(c => c.UnitName, StringComparer.Ordinal).ThenBy(c => c.Level, StringComparer.Ordinal).ThenBy(c => c.PostKind, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// What the nodes below (children and, through them, grandchildren) last sent up for a campaign. A stored row whose
    /// counts cannot be read or be true (kept before they were checked) is left out, so neither the roll-up nor the
    /// counts going up fail on it.
    /// </summary>
    public static async Task<List<Wire.CampaignNodeProgress>> BelowAsync(AssessmentDbContext db, Guid campaignId, CancellationToken cancellationToken) =>
        (await db.CampaignNodeCounts.AsNoTracking().Where(c => c.CampaignId == campaignId).ToListAsync(cancellationToken))
            .OrderBy(c => c.NodeId, StringComparer.Ordinal)
            .Select(c => CountsOf(c.CountsJson) is { } counts ? new Wire.CampaignNodeProgress(c.NodeId, c.ParentNodeId, c.RegionCode, c.AsOf, counts) : null)
            .OfType<Wire.CampaignNodeProgress>()
            .Where(CampaignFigures.Plausible)
            .ToList();

    public static string CountsToJson(IReadOnlyList<Wire.CampaignCount> counts) => JsonSerializer.Serialize(counts, Json);

    private static List<Wire.CampaignCount>? CountsOf(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<Wire.CampaignCount>>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Changed(EntityEntry entry) => entry.State is EntityState.Added or EntityState.Modified;
}
