using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using DeadlineWatch = Platform.Notification.Module.Domain.DeadlineWatch;

namespace Platform.Notification.Module.Features.Reminders;

/// <summary>
/// Keeps the deadline watches in step with the events of planning and rectification. Each
/// watch is keyed by its source, so a redelivered or late event updates the one watch.
/// </summary>
public sealed class DeadlineWatches(
    NotificationDbContext db,
    ReminderSchedule schedule,
    TimeProvider clock,
    IOptions<NodeOptions> node)
{
    /// <summary>Starts watching a deadline, or moves it when the source is already watched.</summary>
    public async Task WatchAsync(
        string sourceType, Guid sourceId, Guid? parentId, Guid unitId, string unitName, string title, DateOnly deadline, CancellationToken cancellationToken)
    {
        var watch = await FindAsync(sourceType, sourceId, cancellationToken);
        if (watch is null)
        {
            db.DeadlineWatches.Add(DeadlineWatch.Start(
                sourceType, sourceId, parentId, unitId, unitName, title, deadline, clock.TodayInChina(), schedule, clock.GetUtcNow(), node.Value.Id));
            return;
        }
        watch.MoveDeadline(deadline, clock.TodayInChina(), schedule, clock.GetUtcNow(), node.Value.Id);
    }

    /// <summary>A new deadline for a watched source (extension, send-back); unknown sources are ignored.</summary>
    public async Task MoveAsync(string sourceType, Guid sourceId, DateOnly deadline, CancellationToken cancellationToken)
    {
        var watch = await FindAsync(sourceType, sourceId, cancellationToken);
        watch?.MoveDeadline(deadline, clock.TodayInChina(), schedule, clock.GetUtcNow(), node.Value.Id);
    }

    /// <summary>
    /// Places again the next reminder of every active watch whose reminders can fall in <paramref name="year"/> (its
    /// deadline in the year, or early in the next), after that year's calendar changed (ADR 0024).
    /// </summary>
    public async Task ReplanInYearAsync(int year, CancellationToken cancellationToken)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year + 1, 1, 31);
        var today = clock.TodayInChina();
        var watches = await db.DeadlineWatches
            .Where(w => w.Active && w.Deadline >= from && w.Deadline <= to && w.NextReminderOn > today)
            .ToListAsync(cancellationToken);
        foreach (var watch in watches)
        {
            watch.Replan(today, schedule, clock.GetUtcNow(), node.Value.Id);
        }
    }

    public async Task StopAsync(string sourceType, Guid sourceId, CancellationToken cancellationToken)
    {
        var watch = await FindAsync(sourceType, sourceId, cancellationToken);
        watch?.Stop(clock.GetUtcNow(), node.Value.Id);
    }

    /// <summary>Stops every watch of a parent (all assignments of a completed task).</summary>
    public async Task StopAllOfAsync(Guid parentId, CancellationToken cancellationToken)
    {
        var watches = await db.DeadlineWatches.Where(w => w.ParentId == parentId && w.Active).ToListAsync(cancellationToken);
        foreach (var watch in watches)
        {
            watch.Stop(clock.GetUtcNow(), node.Value.Id);
        }
    }

    /// <summary>
    /// The source reported itself overdue: the watch is due for a scan now. The scan sends the
    /// reminder, so the unique key and the lease stay the only writers of reminders.
    /// </summary>
    public async Task ScanSoonAsync(string sourceType, Guid sourceId, CancellationToken cancellationToken)
    {
        var watch = await FindAsync(sourceType, sourceId, cancellationToken);
        watch?.DueForScan(clock.TodayInChina(), clock.GetUtcNow(), node.Value.Id);
    }

    private async Task<DeadlineWatch?> FindAsync(string sourceType, Guid sourceId, CancellationToken cancellationToken) =>
        db.DeadlineWatches.Local.FirstOrDefault(w => w.SourceType == sourceType && w.SourceId == sourceId)
        ?? await db.DeadlineWatches.FirstOrDefaultAsync(w => w.SourceType == sourceType && w.SourceId == sourceId, cancellationToken);
}
