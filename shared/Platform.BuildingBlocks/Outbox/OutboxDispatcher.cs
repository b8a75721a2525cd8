using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// Publishes the outbox rows of one context. Each round claims a batch with one conditional
/// update and a fresh token, so replicas sharing a database never publish the same row at the
/// same time; a row whose publish fails is retried with back-off until the broker acknowledges it. A crash
/// after the publish but before the row is marked leads to a second publish with the same
/// message id, which the consumers' inbox discards.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IOutboxPublisher publisher,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : PlatformDbContext
{
    private readonly OutboxOptions _options = options.Value;

    // When a publish last failed: its row is retried within MaxRetryDelay, so the dispatcher does not idle before.
    private DateTimeOffset _lastFailureAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPurge = clock.GetUtcNow();
        // Rounds in a row that found nothing due: the pause grows with them (OutboxOptions.IdlePollInterval).
        var idleRounds = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = 0;
                int batch;
                while ((batch = await DispatchBatchAsync(stoppingToken)) > 0)
                {
                    published += batch;
                }
                // A row whose publish failed is due again within MaxRetryDelay: until then keep the short poll.
                var retriesDue = clock.GetUtcNow() < _lastFailureAt + _options.MaxRetryDelay;
                idleRounds = published == 0 && !retriesDue ? idleRounds + 1 : 0;
                if (clock.GetUtcNow() >= nextPurge)
                {
                    await PurgePublishedAsync(stoppingToken);
                    nextPurge = clock.GetUtcNow() + _options.PurgeInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database itself may be down; the rows are safe and the next round tries again.
                LogDispatchFailed(logger, ex, typeof(TContext).Name);
                idleRounds = 0;
            }

            try
            {
                await signal.WaitAsync(_options.IdlePause(idleRounds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes what is due now; returns how many rows were published.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();

        var dueIds = await db.OutboxMessages
            .Where(m => m.PublishedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.OccurredAt)
            .Take(_options.BatchSize)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        if (dueIds.Count == 0)
        {
            return 0;
        }

        // One conditional update claims the whole batch; another replica's round wins the rows it claimed first.
        var token = Guid.NewGuid();
        var lockedUntil = now + _options.LockDuration;
        await db.OutboxMessages
            .Where(m => dueIds.Contains(m.Id) && m.PublishedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntil, lockedUntil)
                .SetProperty(m => m.LockToken, token)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        var claimed = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LockToken == token && m.PublishedAt == null)
            .OrderBy(m => m.OccurredAt)
            .ToListAsync(cancellationToken);

        var published = new List<Guid>(claimed.Count);
        foreach (var row in claimed)
        {
            if (await PublishAsync(db, row, cancellationToken))
            {
                published.Add(row.Id);
            }
        }
        if (published.Count > 0)
        {
            var publishedAt = clock.GetUtcNow();
            await db.OutboxMessages.Where(m => published.Contains(m.Id)).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.PublishedAt, publishedAt)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LockToken, (Guid?)null)
                    .SetProperty(m => m.LastError, (string?)null),
                CancellationToken.None);
        }
        return published.Count;
    }

    /// <summary>Deletes published rows older than the retention period; returns how many.</summary>
    public async Task<int> PurgePublishedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = clock.GetUtcNow() - _options.RetainPublishedFor;
        return await db.OutboxMessages
            .Where(m => m.PublishedAt != null && m.PublishedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> PublishAsync(TContext db, OutboxMessage row, CancellationToken cancellationToken)
    {
        try
        {
            var type = EventTypeRegistry.Resolve(row.MessageType);
            var message = JsonSerializer.Deserialize(row.Payload, type, EventSerialization.Options)
                ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty payload.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PublishTimeout);
            await publisher.PublishAsync(row.Id, message, type, timeout.Token);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var attempts = row.Attempts;
            _lastFailureAt = clock.GetUtcNow();
            var retryAt = _lastFailureAt + _options.NextDelay(attempts);
            var error = Truncate($"{ex.GetType().Name}: {ex.Message}");
            LogPublishFailed(logger, ex, row.Id, row.MessageType, attempts);
            await db.OutboxMessages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LockToken, (Guid?)null)
                    .SetProperty(m => m.NextAttemptAt, retryAt)
                    .SetProperty(m => m.LastError, error),
                CancellationToken.None);
            return false;
        }
    }

    private static string Truncate(string text) =>
        text.Length <= OutboxMessage.MaxErrorLength ? text : text[..OutboxMessage.MaxErrorLength];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox publish of {MessageId} ({MessageType}) failed on attempt {Attempts}; it will be retried")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid messageId, string messageType, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch round for {Context} failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string context);
}
