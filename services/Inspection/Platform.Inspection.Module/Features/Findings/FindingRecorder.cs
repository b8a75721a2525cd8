using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.Findings;

/// <summary>Checking and storing new findings, shared by RecordFinding and RecordFindings.</summary>
public sealed class FindingRecorder(InspectionDbContext db, InspectionAccess access, MissionLoader missions)
{
    internal sealed record GivenFinding(Guid UnitId, string Title, string Description, string Location, string Category, string Severity, Guid? ClueId);

    internal static GivenFinding Parse(RequestValidator validator, string prefix, NewFinding finding)
    {
        var unitId = validator.Id(prefix + "responsible_unit_id", finding.ResponsibleUnitId);
        var title = validator.Name(prefix + "title", finding.Title, 500);
        var description = validator.Required(prefix + "description", finding.Description, 10000);
        var location = validator.Optional(prefix + "location", finding.Location, 500) ?? string.Empty;
        var category = validator.Required(prefix + "category", finding.Category, 100);
        var severity = validator.OneOf(prefix + "severity", finding.Severity, Severities.All);
        Guid? clueId = string.IsNullOrWhiteSpace(finding.ClueId) ? null : validator.Id(prefix + "clue_id", finding.ClueId);
        return new GivenFinding(unitId, title, description, location, category, severity, clueId);
    }

    /// <summary>Stores the findings and their FindingRecorded events in one transaction, or none of them.</summary>
    internal async Task<List<Domain.Finding>> RecordAsync(string missionId, IReadOnlyList<GivenFinding> given, string prefix, CancellationToken cancellationToken)
    {
        var mission = await missions.LoadVisibleAsync("mission_id", missionId, cancellationToken);
        access.RequireMissionWorker(mission);
        if (given.FirstOrDefault(g => mission.TargetFor(g.UnitId) is null) is { } stranger)
        {
            throw new ValidationException(prefix + "responsible_unit_id", $"unit {stranger.UnitId} is not one of the mission's targets");
        }
        var clueIds = given.Where(g => g.ClueId is not null).Select(g => g.ClueId!.Value).Distinct().ToList();
        if (clueIds.Count > 0)
        {
            var known = await db.Clues.Where(c => clueIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
            var missing = clueIds.Except(known).ToList();
            if (missing.Count > 0)
            {
                throw new ValidationException(prefix + "clue_id", $"clue {missing[0]} does not exist on this node");
            }
        }

        var stamp = access.Now();
        var findings = new List<Domain.Finding>(given.Count);
        foreach (var g in given)
        {
            var target = mission.TargetFor(g.UnitId)!;
            var finding = Domain.Finding.Record(mission, target, g.ClueId, g.Title, g.Description, g.Location, g.Category, g.Severity, stamp);
            findings.Add(finding);
            db.Findings.Add(finding);
        }
        await db.SaveChangesAsync(cancellationToken);
        return findings;
    }
}
