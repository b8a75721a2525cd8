using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Resilience;

namespace Platform.Rectification.Module.Features.Escalation;

/// <summary>Section "Rectification:Evaluator".</summary>
public sealed class EvaluatorOptions
{
    public const string SectionName = "Rectification:Evaluator";

    /// <summary>False stops the periodic pass on this process (the pass can still be run on demand, as tests do).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    [System.ComponentModel.DataAnnotations.Range(1, 10000)]
    public int BatchSize { get; set; } = 500;
}

/// <summary>What one evaluation pass did.</summary>
public sealed record EvaluationResult(int MarkedOverdue, int Proposed);

/// <summary>
/// Marks items past their deadline overdue (RectificationOverdue once per deadline) and proposes
/// the next ladder step of lagging items. Safe on several replicas: overdue marking saves under
/// the item's version column, so only one replica marks a row and raises its event; proposals are
/// conditional updates (only where no proposal waits and the previous step is the last applied),
/// so a second replica's update matches nothing.
/// </summary>
public sealed partial class EscalationEvaluator(
    IServiceScopeFactory scopes,
    IOptions<EvaluatorOptions> options,
    WorkingDayCalendarSource calendar,
    TimeProvider clock,
    IOptions<NodeOptions> node,
    ILogger<EscalationEvaluator> logger) : PeriodicWorker(logger)
{
    public const string SystemActor = "system:escalation-evaluator";

    protected override TimeSpan Interval => options.Value.Interval;

    protected override TimeProvider IntervalClock => clock;

    protected override bool Enabled => options.Value.Enabled;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await EvaluateAsync(cancellationToken);
    }

    /// <summary>One full pass: every overdue item marked, every due proposal made.</summary>
    public async Task<EvaluationResult> EvaluateAsync(CancellationToken cancellationToken)
    {
        var marked = 0;
        int batch;
        do
        {
            batch = await MarkOverdueBatchAsync(cancellationToken);
            marked += batch;
        }
        while (batch > 0);
        var proposed = await ProposeAsync(cancellationToken);
        return new EvaluationResult(marked, proposed);
    }

    private async Task<int> MarkOverdueBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectificationDbContext>();
        var today = clock.TodayInChina();
        // The open states spelled out (not "!= Verified") and no ORDER BY: each state is then an
        // index seek on (State, Overdue, Deadline) that stops at the batch size, instead of a scan
        // and a sort of every lagging item on every batch.
        var due = await db.Items
            .Where(i => (i.State == ItemState.Open || i.State == ItemState.PlanSubmitted || i.State == ItemState.InProgress || i.State == ItemState.CompletionSubmitted)
                && !i.Overdue && i.Deadline < today)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var stamp = new Audit(SystemActor, clock.GetUtcNow(), node.Value.Id);
        foreach (var item in due)
        {
            if (item.MarkOverdueIfDue(today, stamp) is { } entry)
            {
                db.History.Add(entry);
            }
        }
        // Another replica or a user's step may get there first; then the next pass sees the new state.
        return await LostRaces.TrySaveAsync(db, OverdueConflictOperation, logger, cancellationToken) ? due.Count : 0;
    }

    /// <summary>The operation tag of the conflicts the overdue marking drops.</summary>
    public const string OverdueConflictOperation = "rectification.overdue_scan";

    /// <summary>For each step in order, proposes it to items whose last applied step is the one before and whose rule is met.</summary>
    private async Task<int> ProposeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectificationDbContext>();
        var recorder = scope.ServiceProvider.GetRequiredService<AuditRecorder>();
        var today = clock.TodayInChina();
        var ladder = await db.Ladder.AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);
        // Set-based updates bypass SaveChanges: their audit entries are added by hand, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var proposed = 0;
        foreach (var step in ladder)
        {
            var previous = step.Order - 1;
            var waiting = db.Items.Where(i => i.State != ItemState.Verified && i.EscalationOrder == previous && i.ProposedOrder == null);
            if (step.OverdueWorkingDays > 0)
            {
                var latestDeadline = LatestDeadline(today, step.OverdueWorkingDays);
                var reason = $"逾期已达{step.OverdueWorkingDays}个工作日，建议{step.ChineseName}";
                var rows = await waiting.Where(i => i.Overdue && i.Deadline <= latestDeadline)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(i => i.ProposedOrder, step.Order)
                        .SetProperty(i => i.ProposalReason, reason)
                        .SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
                RecordProposals(db, recorder, step.Order, rows);
                proposed += rows;
            }
            if (step.SendBacks > 0)
            {
                var reason = $"整改已被退回{step.SendBacks}次，建议{step.ChineseName}";
                var rows = await waiting.Where(i => i.SendBackCount >= step.SendBacks)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(i => i.ProposedOrder, step.Order)
                        .SetProperty(i => i.ProposalReason, reason)
                        .SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
                RecordProposals(db, recorder, step.Order, rows);
                proposed += rows;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return proposed;
    }

    private static void RecordProposals(RectificationDbContext db, AuditRecorder recorder, int order, int rows)
    {
        if (rows > 0)
        {
            db.AuditEntries.Add(recorder.NewEntry(
                RectificationModule.ServiceName, "update", "rectification_items", string.Empty,
                $"ProposedOrder,ProposalReason,Version: step {order} proposed for {rows} items"));
        }
    }

    private DateOnly LatestDeadline(DateOnly today, int workingDays)
    {
        try
        {
            return LadderSteps.LatestDeadlineOverdueBy(calendar.Current, today, workingDays);
        }
        catch (CalendarYearNotLoadedException)
        {
            // Counting back leaves the loaded calendar: no item can be that far behind a deadline set on it.
            return DateOnly.MinValue;
        }
    }

}
