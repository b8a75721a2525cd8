using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Resilience;

namespace Platform.Planning.Module.Features.Overdue;

/// <summary>Section "Planning:Overdue".</summary>
public sealed class OverdueOptions
{
    public const string SectionName = "Planning:Overdue";

    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Marks assignments whose report is past due as overdue (逾期) and emits AssignmentOverdue once
/// per assignment. Runs on every replica: the assignment's concurrency token lets only one
/// replica mark a row, so the event is raised once.
/// </summary>
public sealed class OverdueScanner(
    IServiceScopeFactory scopes,
    IOptions<OverdueOptions> options,
    TimeProvider clock,
    ILogger<OverdueScanner> logger) : PeriodicWorker(logger)
{
    protected override TimeSpan Interval => options.Value.ScanInterval;

    protected override TimeProvider IntervalClock => clock;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        while (await ScanOnceAsync(cancellationToken) == options.Value.BatchSize)
        {
        }
    }

    /// <summary>Marks one batch; returns how many assignments became overdue.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanningDbContext>();
        var today = clock.TodayInChina();
        var due = await db.Assignments
            .Where(a => !a.Overdue && (a.Status == AssignmentStatus.Assigned || a.Status == AssignmentStatus.Accepted) && a.NextReportDue < today)
            .OrderBy(a => a.NextReportDue)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var taskIds = due.Select(a => a.TaskId).Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        foreach (var assignment in due)
        {
            assignment.MarkOverdueIfDue(today, tasks[assignment.TaskId]);
        }
        // Another replica or a report may get there first; then the next round sees the new state.
        return await LostRaces.TrySaveAsync(db, ConflictOperation, logger, cancellationToken) ? due.Count : 0;
    }

    /// <summary>The operation tag of the conflicts this scanner drops.</summary>
    public const string ConflictOperation = "planning.overdue_scan";
}
