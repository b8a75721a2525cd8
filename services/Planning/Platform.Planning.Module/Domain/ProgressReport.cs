using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Planning.Module.Domain;

/// <summary>A figure reported against one quantitative target.</summary>
public sealed record TargetFigure(Guid TargetId, double Value);

/// <summary>A progress report (进展报送) of one unit on its assignment. Never changed once filed.</summary>
public sealed class ProgressReport : AggregateRoot
{
    private readonly List<ReportAttachment> _attachments = [];

    private ProgressReport()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid TaskId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public Guid UnitId { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public int Percent { get; private set; }

    public List<TargetFigure> Figures { get; private set; } = [];

    public bool Final { get; private set; }

    public bool Late { get; private set; }

    public DateOnly Due { get; private set; }

    public Audit Reported { get; private set; } = null!;

    public IReadOnlyList<ReportAttachment> Attachments => _attachments;

    public static ProgressReport File(Assignment assignment, PlanTask task, string text, int percent, IEnumerable<TargetFigure> figures, bool final, DateOnly due, bool late, Audit reported)
    {
        var report = New(assignment, text, percent, figures, final, due, late, reported);
        report.Record(new ProgressReportFiled(
            report.Id, assignment.Id, assignment.PlanId, assignment.TaskId, task.Number, task.Title, assignment.UnitId, percent, final, late, due));
        return report;
    }

    private static ProgressReport New(Assignment assignment, string text, int percent, IEnumerable<TargetFigure> figures, bool final, DateOnly due, bool late, Audit reported) => new()
    {
        Id = Guid.CreateVersion7(),
        PlanId = assignment.PlanId,
        TaskId = assignment.TaskId,
        AssignmentId = assignment.Id,
        UnitId = assignment.UnitId,
        Text = text,
        Percent = percent,
        Figures = figures.ToList(),
        Final = final,
        Due = due,
        Late = late,
        Reported = reported,
    };

    public ReportAttachment Attach(string fileName, string contentType, long size, string sha256)
    {
        var attachment = new ReportAttachment(Guid.CreateVersion7(), Id, UnitId, fileName, contentType, size, sha256);
        _attachments.Add(attachment);
        return attachment;
    }
}

/// <summary>A file attached to a report, stored by its content hash.</summary>
public sealed record ReportAttachment(Guid Id, Guid ReportId, Guid UnitId, string FileName, string ContentType, long Size, string Sha256);
