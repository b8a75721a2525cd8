using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Outbox;

namespace Platform.BuildingBlocks.Tests;

/// <summary>
/// The dispatcher hears of events saved inside a transaction when it commits (issue 18): planning's
/// saves run in their own transaction, and their events used to wait for the next poll.
/// </summary>
public sealed class OutboxSignalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"outbox-signal-{Guid.NewGuid():N}.db");
    private readonly OutboxSignal<TestDbContext> _signal = new();

    public OutboxSignalTests()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    private TestDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TestDbContext>()
            .UseSqlite($"Data Source={_path}")
            .AddInterceptors(new OutboxSignalInterceptor<TestDbContext>(_signal))
            .Options);

    private Task<bool> WokenAsync() => _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

    [Fact]
    public async Task Events_saved_in_a_transaction_wake_the_dispatcher_at_the_commit_not_before()
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AddIntegrationEvent(OutboxTestDatabase.NewEvent());
        await db.SaveChangesAsync();
        Assert.False(await WokenAsync(), "the rows are not visible before the commit");

        await transaction.CommitAsync();
        Assert.True(await WokenAsync());
    }

    [Fact]
    public async Task Events_rolled_back_do_not_wake_the_dispatcher()
    {
        await using var db = NewContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.AddIntegrationEvent(OutboxTestDatabase.NewEvent());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        Assert.False(await WokenAsync());

        // A later transaction of the same context without events does not wake it either.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await transaction.CommitAsync();
        }
        Assert.False(await WokenAsync());
    }

    [Fact]
    public async Task Events_saved_outside_a_transaction_wake_the_dispatcher_at_once()
    {
        await using var db = NewContext();
        db.AddIntegrationEvent(OutboxTestDatabase.NewEvent());
        await db.SaveChangesAsync();
        Assert.True(await WokenAsync());
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            SqliteConnection.ClearPool(connection);
        }
        File.Delete(_path);
    }
}
