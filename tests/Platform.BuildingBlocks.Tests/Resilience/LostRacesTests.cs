using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Resilience;

namespace Platform.BuildingBlocks.Tests.Resilience;

/// <summary>
/// Two replicas' scans over the same rows, made to collide: the loser's batch is dropped, and the
/// conflict is a <c>platform.resilience.conflicts</c> measurement with the operation and a log line
/// naming it. Before, the rectification scan dropped such a batch without a trace.
/// </summary>
public sealed class LostRacesTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, string? Operation)> _conflicts = [];
    private readonly string _operation = "test.scan_" + Guid.NewGuid().ToString("N")[..8];

    public LostRacesTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ResilienceMetrics.MeterName && instrument.Name == "platform.resilience.conflicts")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            // Other tests' scans may count at the same time: keep this test's operation only.
            var operation = tags.ToArray().FirstOrDefault(t => t.Key == "operation").Value as string;
            if (operation == _operation)
            {
                lock (_conflicts)
                {
                    _conflicts.Add((value, operation));
                }
            }
        });
        _listener.Start();
    }

    [Fact]
    public async Task A_row_changed_by_another_replica_meanwhile_drops_the_batch_with_a_metric_and_a_log_line()
    {
        var id = Guid.NewGuid();
        await using (var setup = NewContext())
        {
            setup.Marks.Add(new Mark { Id = id, Version = 1 });
            await setup.SaveChangesAsync();
        }
        await using var replicaA = NewContext();
        await using var replicaB = NewContext();
        var seenByA = await replicaA.Marks.SingleAsync(m => m.Id == id);
        var seenByB = await replicaB.Marks.SingleAsync(m => m.Id == id);
        var logger = new LinesLogger();

        seenByB.Overdue = true;
        seenByB.Version++;
        Assert.True(await LostRaces.TrySaveAsync(replicaB, _operation, logger, CancellationToken.None));
        seenByA.Overdue = true;
        seenByA.Version++;
        Assert.False(await LostRaces.TrySaveAsync(replicaA, _operation, logger, CancellationToken.None));

        Assert.Equal([(1L, _operation)], _conflicts);
        var line = Assert.Single(logger.Lines);
        Assert.Contains(_operation, line);
        Assert.Contains("changed meanwhile", line);
        Assert.Empty(replicaA.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_unique_row_written_first_by_another_replica_drops_the_batch_with_a_metric_and_a_log_line()
    {
        var key = "reminder-" + Guid.NewGuid().ToString("N");
        await using var replicaA = NewContext();
        await using var replicaB = NewContext();
        var logger = new LinesLogger();
        replicaA.Sent.Add(new SentOnce { Id = Guid.NewGuid(), Key = key });
        replicaB.Sent.Add(new SentOnce { Id = Guid.NewGuid(), Key = key });

        Assert.True(await LostRaces.TrySaveAsync(replicaA, _operation, logger, CancellationToken.None));
        Assert.False(await LostRaces.TrySaveAsync(replicaB, _operation, logger, CancellationToken.None));

        Assert.Equal([(1L, _operation)], _conflicts);
        Assert.Contains("already written by another replica", Assert.Single(logger.Lines));
        await using var check = NewContext();
        Assert.Equal(1, await check.Sent.CountAsync(s => s.Key == key));
    }

    [Fact]
    public async Task A_failure_that_is_no_lost_race_is_not_swallowed()
    {
        await using var db = NewContext();
        db.Sent.Add(new SentOnce { Id = Guid.NewGuid(), Key = null! });
        var logger = new LinesLogger();

        await Assert.ThrowsAsync<DbUpdateException>(() => LostRaces.TrySaveAsync(db, _operation, logger, CancellationToken.None));
        Assert.Empty(_conflicts);
        Assert.Empty(logger.Lines);
    }

    private RaceContext NewContext() => new(new DbContextOptionsBuilder<RaceContext>().UseSqlite(_connection).Options);

    public void Dispose()
    {
        _listener.Dispose();
        _connection.Dispose();
    }

    public sealed class Mark
    {
        public Guid Id { get; set; }

        public bool Overdue { get; set; }

        [ConcurrencyCheck]
        public int Version { get; set; }
    }

    public sealed class SentOnce
    {
        public Guid Id { get; set; }

        public string Key { get; set; } = string.Empty;
    }

    public sealed class RaceContext(DbContextOptions<RaceContext> options) : DbContext(options)
    {
        public DbSet<Mark> Marks => Set<Mark>();

        public DbSet<SentOnce> Sent => Set<SentOnce>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<SentOnce>().HasIndex(s => s.Key).IsUnique();
    }

    private sealed class LinesLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
