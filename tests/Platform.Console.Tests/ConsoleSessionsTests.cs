using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Sessions;

namespace Platform.WebConsole.Tests;

/// <summary>The server-side console sessions on SQLite with the real migrations, on a fake clock.</summary>
public sealed class ConsoleSessionsTests : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;
    private readonly ConsoleSessions _sessions;

    public ConsoleSessionsTests()
    {
        _connection.Open();
        var options = new DbContextOptionsBuilder<SqliteAccountsDbContext>().UseSqlite(_connection).Options;
        var services = new ServiceCollection();
        services.AddScoped<AccountsDbContext>(_ => new SqliteAccountsDbContext(options));
        _services = services.BuildServiceProvider();
        using (var db = new SqliteAccountsDbContext(options))
        {
            db.Database.Migrate();
        }
        _sessions = new ConsoleSessions(_services.GetRequiredService<IServiceScopeFactory>(), new MemoryCache(new MemoryCacheOptions()),
            Options.Create(new ConsoleOptions { SessionIdleTimeout = Idle, SessionLifetime = TimeSpan.FromHours(8) }), _clock);
    }

    public void Dispose()
    {
        _services.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public async Task Activity_keeps_a_session_and_it_times_out_after_the_idle_timeout_without_any()
    {
        var session = await _sessions.StartAsync("clerk", "node");
        for (var i = 0; i < 4; i++)
        {
            // Well past a tenth of the idle timeout each time, so each activity is written.
            _clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(SessionState.Active, await _sessions.CheckAsync(session.Id, active: true));
        }
        _clock.Advance(Idle - TimeSpan.FromSeconds(1));
        // A check that is no activity (an API token's renewal) does not restart the clock.
        Assert.Equal(SessionState.Active, await _sessions.CheckAsync(session.Id, active: false));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SessionState.TimedOut, await _sessions.CheckAsync(session.Id, active: true));
        // Timed out is ended: the row is gone.
        Assert.Equal(SessionState.Ended, await _sessions.CheckAsync(session.Id, active: true));
    }

    [Fact]
    public async Task A_session_ends_at_its_lifetime_however_active_and_at_once_when_ended()
    {
        var kept = await _sessions.StartAsync("clerk", "node");
        var signedOut = await _sessions.StartAsync("clerk", "node");
        await _sessions.EndAsync(signedOut.Id);
        Assert.Equal(SessionState.Ended, await _sessions.CheckAsync(signedOut.Id, active: true));
        Assert.Equal(SessionState.Ended, await _sessions.CheckAsync(Guid.NewGuid(), active: true));

        for (var i = 0; i < 16; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(29));
            Assert.Equal(SessionState.Active, await _sessions.CheckAsync(kept.Id, active: true));
        }
        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(SessionState.TimedOut, await _sessions.CheckAsync(kept.Id, active: true));
        Assert.Empty(await _sessions.OfAsync("clerk"));
    }
}
