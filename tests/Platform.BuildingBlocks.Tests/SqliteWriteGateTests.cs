using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Tests;

/// <summary>
/// Writers on one SQLite file queue in the process (issue 18): a second writer waits asynchronously
/// for the first to commit instead of blocking its thread in Microsoft.Data.Sqlite's 150 ms busy loop
/// and, past the command timeout, failing with "database is locked".
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"write-gate-{Guid.NewGuid():N}.db");
    private readonly SqliteWriteGate _gate = new() { MaxWait = TimeSpan.FromSeconds(20) };

    public SqliteWriteGateTests()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    // A short busy timeout: without the gate the second writer gives up after 2 s instead of 30.
    private TestDbContext NewContext(SqliteSynchronous synchronous = SqliteSynchronous.Normal) =>
        new(new DbContextOptionsBuilder<TestDbContext>()
            .UseSqlite($"Data Source={_path};Default Timeout=2")
            .AddInterceptors(new SqliteWriteGateInterceptor(_gate), new SqliteConnectionSettingsInterceptor(synchronous))
            .Options);

    [Fact]
    public async Task A_second_writer_waits_for_the_first_to_commit_without_blocking_and_then_saves()
    {
        await using var first = NewContext();
        await using var transaction = await first.Database.BeginTransactionAsync();
        first.Widgets.Add(new Widget { Id = Guid.CreateVersion7(), Name = "第一" });
        await first.SaveChangesAsync();

        await using var second = NewContext();
        second.Widgets.Add(new Widget { Id = Guid.CreateVersion7(), Name = "第二" });
        var pending = second.SaveChangesAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(pending.IsCompleted, "the second save should still be queued behind the open transaction");

        await transaction.CommitAsync();
        Assert.Equal(1, await pending.WaitAsync(TimeSpan.FromSeconds(10)));
        await using var check = NewContext();
        Assert.Equal(["第一", "第二"], (await check.Widgets.Select(w => w.Name).ToListAsync()).Order());
    }

    [Fact]
    public async Task A_statement_outside_a_transaction_queues_behind_an_open_transaction_too()
    {
        var id = Guid.CreateVersion7();
        await using (var db = NewContext())
        {
            db.Widgets.Add(new Widget { Id = id, Name = "旧名" });
            await db.SaveChangesAsync();
        }
        await using var first = NewContext();
        await using var transaction = await first.Database.BeginTransactionAsync();
        first.Widgets.Add(new Widget { Id = Guid.CreateVersion7(), Name = "另一个" });
        await first.SaveChangesAsync();

        await using var second = NewContext();
        var pending = second.Widgets.Where(w => w.Id == id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Name, "新名"));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(pending.IsCompleted, "the update should still be queued behind the open transaction");

        await transaction.CommitAsync();
        Assert.Equal(1, await pending.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_gives_the_file_back()
    {
        await using (var abandoned = NewContext())
        {
            var transaction = await abandoned.Database.BeginTransactionAsync();
            abandoned.Widgets.Add(new Widget { Id = Guid.CreateVersion7(), Name = "作废" });
            await abandoned.SaveChangesAsync();
            Assert.True(_gate.IsHeldBy(abandoned.Database.GetDbConnection()));
            await transaction.DisposeAsync();
            Assert.False(_gate.IsHeldBy(abandoned.Database.GetDbConnection()));
        }

        // Were the gate still taken, this save would wait the gate's 20 s.
        var clock = Stopwatch.StartNew();
        await using var next = NewContext();
        next.Widgets.Add(new Widget { Id = Guid.CreateVersion7(), Name = "下一个" });
        await next.SaveChangesAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the next save took {clock.Elapsed}");
        await using var check = NewContext();
        Assert.Equal(["下一个"], await check.Widgets.Select(w => w.Name).ToListAsync());
    }

    [Theory]
    [InlineData(SqliteSynchronous.Normal, 1)]
    [InlineData(SqliteSynchronous.Full, 2)]
    public async Task Every_connection_gets_the_configured_synchronous_setting(SqliteSynchronous setting, long expected)
    {
        await using var db = NewContext(setting);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(expected, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public void Synchronous_is_full_unless_configured()
    {
        // An acknowledged write must survive a power cut unless an operator chose otherwise (ADR 0026).
        Assert.Equal(SqliteSynchronous.Full, new DatabaseOptions().SqliteSynchronous);
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection($"Data Source={_path};Default Timeout=2"))
        {
            SqliteConnection.ClearPool(connection);
        }
        File.Delete(_path);
        File.Delete(_path + "-wal");
        File.Delete(_path + "-shm");
    }
}
