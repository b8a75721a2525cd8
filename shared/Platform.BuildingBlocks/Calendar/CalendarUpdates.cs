using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Federation;

namespace Platform.BuildingBlocks.Calendar;

/// <summary>
/// A calendar update (ADR 0024) as a service that applies it keeps it: one row per update, issued here or received from
/// above. Which one a year follows is decided by <see cref="CalendarUpdates.InForce"/>, never by the order they arrived in.
/// </summary>
public sealed class CalendarUpdateRecord : IUpdateFromAbove
{
    private CalendarUpdateRecord()
    {
    }

    public Guid Id { get; private set; }

    public string IssuerNodeId { get; private set; } = string.Empty;

    /// <summary>province, city or county: a higher issuer's year wins over a lower one's.</summary>
    public string IssuerLevel { get; private set; } = string.Empty;

    /// <summary>Grows with every update of the issuer; for a year the issuer's newest wins.</summary>
    public long Version { get; private set; }

    public int Year { get; private set; }

    /// <summary>The days as JSON (<see cref="CalendarUpdateDay"/> list).</summary>
    public string Holidays { get; private set; } = "[]";

    public string MakeUpWorkingDays { get; private set; } = "[]";

    public string? Notice { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>The parent it came from; null when this node issued it.</summary>
    public string? SenderNodeId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The children the issuer named (this node's issues only; empty: every child).</summary>
    public List<string> ChildNodeIds { get; private set; } = [];

    public static CalendarUpdateRecord From(CalendarUpdate update, string? senderNodeId, IReadOnlyList<string> childNodeIds, DateTimeOffset receivedAt) => new()
    {
        Id = update.UpdateId,
        IssuerNodeId = update.IssuerNodeId,
        IssuerLevel = update.IssuerLevel,
        Version = update.Version,
        Year = update.Year,
        Holidays = JsonSerializer.Serialize(update.Holidays),
        MakeUpWorkingDays = JsonSerializer.Serialize(update.MakeUpWorkingDays),
        Notice = update.Notice,
        IssuedAt = update.IssuedAt,
        SenderNodeId = senderNodeId,
        ReceivedAt = receivedAt,
        ChildNodeIds = [.. childNodeIds],
    };

    public IReadOnlyList<CalendarUpdateDay> HolidayDays => JsonSerializer.Deserialize<List<CalendarUpdateDay>>(Holidays) ?? [];

    public IReadOnlyList<CalendarUpdateDay> MakeUpDays => JsonSerializer.Deserialize<List<CalendarUpdateDay>>(MakeUpWorkingDays) ?? [];

    /// <summary>The year as the calendar takes it; the data was checked when it was issued.</summary>
    public CalendarYear ToYear() => new(
        Year,
        [.. HolidayDays.Select(d => new CalendarDay(d.Date, d.Name))],
        [.. MakeUpDays.Select(d => new CalendarDay(d.Date, d.Name))],
        source: $"calendar update v{Version} of {IssuerNodeId}",
        notice: Notice);
}

/// <summary>The kept calendar updates of a service: their table, which ones are in force, and how they reach the calendar.</summary>
public static class CalendarUpdates
{
    /// <summary>Maps <see cref="CalendarUpdateRecord"/> to the service's <c>calendar_updates</c> table.</summary>
    public static ModelBuilder MapCalendarUpdates(this ModelBuilder modelBuilder) => modelBuilder.Entity<CalendarUpdateRecord>(update =>
    {
        update.MapUpdateFromAbove("calendar_updates");
        update.Ignore(u => u.HolidayDays);
        update.Ignore(u => u.MakeUpDays);
        update.HasIndex(u => u.Year);
    });

    /// <summary>The update each year follows, by the precedence of every update from above (<see cref="UpdatesFromAbove.InForce"/>).</summary>
    public static IReadOnlyList<CalendarUpdateRecord> InForce(IEnumerable<CalendarUpdateRecord> updates) =>
        [.. UpdatesFromAbove.InForce(updates.Select(u => (u.Year, u))).Select(c => c.Update)];

    /// <summary>
    /// Applies the kept updates, with those <paramref name="db"/> is about to add, to the node's calendar. A replica
    /// that did not make the change picks it up at its next <see cref="CalendarUpdatesRefresher{TContext}"/> round.
    /// </summary>
    public static async Task RefreshAsync(DbContext db, WorkingDayCalendarSource source, CancellationToken cancellationToken)
    {
        var stored = await db.Set<CalendarUpdateRecord>().AsNoTracking().ToListAsync(cancellationToken);
        var added = db.ChangeTracker.Entries<CalendarUpdateRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity);
        source.Merge(stored.Concat(added));
    }

    /// <summary>Keeps an update that came from above, once (by its id, or its issuer and version); the caller saves.</summary>
    public static async Task KeepReceivedAsync(DbContext db, CalendarUpdateReceived received, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = received.Update;
        var set = db.Set<CalendarUpdateRecord>();
        if (await set.AnyAsync(u => u.Id == update.UpdateId || (u.IssuerNodeId == update.IssuerNodeId && u.Version == update.Version), cancellationToken))
        {
            return;
        }
        set.Add(CalendarUpdateRecord.From(update, received.SenderNodeId, [], now));
    }

    /// <summary>Registers the refresher of the node's calendar from the updates kept in <typeparamref name="TContext"/>.</summary>
    public static IServiceCollection AddCalendarUpdatesRefresher<TContext>(this IServiceCollection services)
        where TContext : DbContext => services.AddHostedService<CalendarUpdatesRefresher<TContext>>();
}

/// <summary>
/// Keeps the calendar updates that come from above in a service's store and applies them to the node's calendar. Each
/// service derives one, named by its own wire name (ADR 0010).
/// </summary>
public abstract class CalendarUpdateReceivedConsumerBase<TContext>(TContext db, TimeProvider clock, WorkingDayCalendarSource calendar)
    : IdempotentConsumer<CalendarUpdateReceived, TContext>(db, clock)
    where TContext : PlatformDbContext
{
    protected override async Task HandleAsync(CalendarUpdateReceived message, ConsumeContext<CalendarUpdateReceived> context)
    {
        await CalendarUpdates.KeepReceivedAsync(Db, message, Clock.GetUtcNow(), context.CancellationToken);
        await CalendarUpdates.RefreshAsync(Db, calendar, context.CancellationToken);
    }
}

/// <summary>Keeps the node's calendar on the calendar updates kept in a service's store, on every replica (ADR 0024).</summary>
public sealed class CalendarUpdatesRefresher<TContext>(IServiceScopeFactory scopes, WorkingDayCalendarSource calendar, ILogger<CalendarUpdatesRefresher<TContext>> logger)
    : KeptUpdatesRefresher<TContext>(scopes, logger)
    where TContext : DbContext
{
    protected override Task RefreshAsync(TContext db, CancellationToken cancellationToken) => CalendarUpdates.RefreshAsync(db, calendar, cancellationToken);
}
