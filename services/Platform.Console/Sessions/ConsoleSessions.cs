using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Sessions;

/// <summary>How a session stands when a request or an open page asks.</summary>
public enum SessionState
{
    Active,

    /// <summary>Nobody used it for Console:SessionIdleTimeout (or it reached Console:SessionLifetime): 会话已超时.</summary>
    TimedOut,

    /// <summary>Ended by sign-out, or by the operator (account disabled, password reset, unit or roles changed).</summary>
    Ended,
}

/// <summary>
/// The server-side console sessions (ADR 0021): started at sign-in, ended by sign-out or by a change of the
/// account, timed out when idle. Each request and each open page asks <see cref="CheckAsync"/>, which reads
/// the store at most every <see cref="CacheFor"/> per session, so an ending reaches every replica within that.
/// </summary>
public sealed class ConsoleSessions(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<ConsoleOptions> options, TimeProvider clock)
{
    /// <summary>How stale a replica's view of a session may be (a sign-out elsewhere, a disabled account).</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);

    private ConsoleOptions Options => options.Value;

    /// <summary>How often activity is written: a tenth of the idle timeout, at most a minute, so the idle clock is that exact.</summary>
    private TimeSpan TouchEvery => TimeSpan.FromTicks(Math.Min(Options.SessionIdleTimeout.Ticks / 10, TimeSpan.FromMinutes(1).Ticks));

    public async Task<ConsoleSessionRecord> StartAsync(string subject, string registration, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var session = new ConsoleSessionRecord
        {
            Id = Guid.NewGuid(),
            Subject = subject,
            Registration = registration,
            StartedAt = now,
            ExpiresAt = now + Options.SessionLifetime,
            LastActiveAt = now,
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        // Sessions nobody signed out of (a closed browser) go when their person next signs in.
        var stale = (await db.Sessions.Where(s => s.Subject == subject).ToListAsync(cancellationToken))
            .Where(s => s.ExpiresAt <= now || s.LastActiveAt + Options.SessionIdleTimeout <= now);
        db.Sessions.RemoveRange(stale);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>
    /// Whether the session still stands; <paramref name="active"/> says the person did something just now
    /// (a request, an event on an open page), which restarts its idle clock. A timed-out session is ended here.
    /// </summary>
    public async Task<SessionState> CheckAsync(Guid id, bool active, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var session = await cache.GetOrCreateAsync(Key(id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await ReadAsync(id, cancellationToken);
        });
        if (session is null)
        {
            return SessionState.Ended;
        }
        if (session.ExpiresAt <= now || session.LastActiveAt + Options.SessionIdleTimeout <= now)
        {
            // Another replica may have seen activity the cached copy has not: the store decides.
            var fresh = await ReadAsync(id, cancellationToken);
            if (fresh is null)
            {
                cache.Remove(Key(id));
                return SessionState.Ended;
            }
            if (fresh.ExpiresAt <= now || fresh.LastActiveAt + Options.SessionIdleTimeout <= now)
            {
                await EndAsync(id, cancellationToken);
                return SessionState.TimedOut;
            }
            session = fresh;
            cache.Set(Key(id), fresh, CacheFor);
        }
        if (active && now - session.LastActiveAt >= TouchEvery)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            var touched = await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActiveAt, now), cancellationToken);
            if (touched == 0)
            {
                cache.Remove(Key(id));
                return SessionState.Ended;
            }
            session.LastActiveAt = now;
        }
        return SessionState.Active;
    }

    /// <summary>Ends one session (sign-out, or a time-out seen here).</summary>
    public async Task EndAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        await db.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        cache.Remove(Key(id));
    }

    /// <summary>The sessions a person has open (newest first): what an operator's change of the account ends.</summary>
    public async Task<List<ConsoleSessionRecord>> OfAsync(string subject, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        return (await db.Sessions.AsNoTracking().Where(s => s.Subject == subject).ToListAsync(cancellationToken))
            .OrderByDescending(s => s.StartedAt).ToList();
    }

    private async Task<ConsoleSessionRecord?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        return await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    private static string Key(Guid id) => "console-session:" + id.ToString("N");
}
