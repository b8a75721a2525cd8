using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Events.Planning;
using Platform.Planning.Module.Domain;
using Platform.Planning.Module.Infrastructure;

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
public sealed partial class OverdueScanner(
    IServiceScopeFactory scopes,
    IOptions<OverdueOptions> options,
    TimeProvider clock,
    IOptions<BuildingBlocks.Node.NodeOptions> node,
    ILogger<OverdueScanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ScanOnceAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogScanFailed(logger, ex);
            }
            try
            {
                await Task.Delay(options.Value.ScanInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
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
        var now = clock.GetUtcNow();
        foreach (var assignment in due.Where(a => a.MarkOverdueIfDue(today)))
        {
            var task = tasks[assignment.TaskId];
            db.AddIntegrationEvent(new AssignmentOverdue(
                assignment.Id, assignment.PlanId, assignment.TaskId, task.Number, task.Title, assignment.UnitId, assignment.UnitName,
                assignment.NextReportDue, now, node.Value.Id));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica or a report got there first; the next round sees the new state.
            return 0;
        }
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Overdue scan failed; retrying at the next interval")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
