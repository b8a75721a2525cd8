using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Inspection.Module.Features.GenerateMissionReport;

/// <summary>The mission report: summary figures computed in the database, written as a .docx, stored as a document.</summary>
public sealed class GenerateMissionReportHandler(InspectionDbContext db, InspectionAccess access, IFileStore files, TimeProvider clock)
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public async Task<Contracts.Inspection.V1.MissionReport> HandleAsync(GenerateMissionReportRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var missionId = validator.Id("mission_id", request.MissionId);
        validator.ThrowIfInvalid();
        var mission = await db.Missions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == missionId, cancellationToken)
            ?? throw new NotFoundException($"Mission {missionId} does not exist on this node.");
        if (mission.State is MissionStates.Planned or MissionStates.Notified)
        {
            throw new PreconditionFailedException($"Mission is {mission.State}; a report is written once the inspection is in progress or later.");
        }

        var findings = db.Findings.AsNoTracking().Where(f => f.MissionId == missionId);
        var byCategory = await findings.GroupBy(f => f.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var bySeverity = await findings.GroupBy(f => f.Severity).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byUnit = await findings.GroupBy(f => f.ResponsibleUnitId)
            .Select(g => new { g.Key, Count = g.Count(), Severe = g.Count(f => f.Severity == Severities.Severe) }).ToListAsync(cancellationToken);
        var figures = new MissionReportFigures(
            byCategory.Sum(c => c.Count),
            byCategory.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Count)).ToList(),
            Severities.All.Keys.Select(s => (s, bySeverity.FirstOrDefault(b => b.Key == s)?.Count ?? 0)).ToList(),
            mission.Targets.Select(t => (t, byUnit.FirstOrDefault(u => u.Key == t.UnitId)?.Count ?? 0, byUnit.FirstOrDefault(u => u.Key == t.UnitId)?.Severe ?? 0)).ToList());

        var content = MissionReportDocument.Write(mission, figures, clock.TodayInChina());
        var stored = await files.SaveAsync(content, cancellationToken);
        var stamp = access.Now();
        var document = new MissionDocument
        {
            Id = Guid.CreateVersion7(),
            MissionId = mission.Id,
            Kind = "report",
            FileName = $"{mission.Title}情况报告.docx",
            ContentType = ContentType,
            Size = stored.Size,
            Sha256 = stored.Sha256,
            Generated = stamp,
        };
        db.Documents.Add(document);
        await db.SaveChangesAsync(cancellationToken);

        var report = new Contracts.Inspection.V1.MissionReport
        {
            DocumentId = document.Id.ToString(),
            MissionId = mission.Id.ToString(),
            FileName = document.FileName,
            Sha256 = document.Sha256,
            Size = document.Size,
            DownloadPath = $"/api/inspection/v1/documents/{document.Id}/content",
            TotalFindings = figures.Total,
            GeneratedBy = stamp.UserId,
            GeneratedAt = stamp.At.ToWire(),
        };
        report.ByCategory.AddRange(figures.ByCategory.Select(c => new CountByKey { Key = c.Key, Count = c.Count }));
        report.BySeverity.AddRange(figures.BySeverity.Select(s => new CountByKey { Key = s.Key, Count = s.Count }));
        report.ByUnit.AddRange(figures.ByUnit.Select(u => new UnitFindingCount
        {
            UnitId = u.Target.UnitId.ToString(),
            UnitName = u.Target.UnitName,
            Findings = u.Findings,
            Severe = u.Severe,
            FeedbackGiven = u.Target.FeedbackId is not null,
        }));
        return report;
    }
}
