using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Resilience;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// Base of every consumer: the message id is recorded in the consumer's inbox table in the
/// same SaveChanges as the consumer's own changes, so a message delivered twice (a broker
/// redelivery, or a republish from the outbox) changes state once.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, TimeProvider clock) : IConsumer<TMessage>
    where TMessage : class
    where TContext : PlatformDbContext
{
    /// <summary>The service's context; changes made to it are saved together with the inbox record.</summary>
    protected TContext Db => db;

    protected TimeProvider Clock => clock;

    /// <summary>The consumer's wire name, under which it records messages: a rename of the class does not re-run them.</summary>
    private string ConsumerName => EventTypeRegistry.WireNameOf(GetType());

    /// <summary>The key of messages recorded before wire names: the class's full name.</summary>
    private string LegacyConsumerName => GetType().FullName!;

    /// <summary>How many times one delivery re-applies a message whose save lost a race before the bus's retry takes over.</summary>
    private const int LostRaceAttempts = 10;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        // One connection for the whole message. Otherwise the inbox check, each query of the handler
        // and the save each take a pooled connection and give it back; on the embedded node under
        // deadline-day load the SQLite pool's lock was the most contended lock of the process, most
        // of it from consumers (ADR 0026).
        await db.Database.OpenConnectionAsync(context.CancellationToken);
        try
        {
            await ConsumeOnOpenConnectionAsync(messageId, context);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ConsumeOnOpenConnectionAsync(Guid messageId, ConsumeContext<TMessage> context)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await AlreadyProcessedAsync(messageId, context.CancellationToken))
            {
                return;
            }

            db.ProcessedMessages.Add(new ProcessedMessage
            {
                MessageId = messageId,
                Consumer = ConsumerName,
                ProcessedAt = clock.GetUtcNow(),
            });
            await HandleAsync(context.Message, context);
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
                return;
            }
            catch (DbUpdateException failed)
            {
                // Nothing of this attempt was committed; what it tracked is stale either way.
                db.ChangeTracker.Clear();
                if (await AlreadyProcessedAsync(messageId, CancellationToken.None))
                {
                    // A concurrent delivery of the same message committed first.
                    return;
                }
                if (attempt >= LostRaceAttempts || !(failed is DbUpdateConcurrencyException || DatabaseConflicts.IsUniqueKeyClash(failed)))
                {
                    throw;
                }
                // Another message took the row or the number this one read (forty tasks cascading at once all take
                // the next sequence of the same link): read again and apply again, here, rather than spend the bus's
                // few redeliveries on a race that a busy node loses many times in a row.
                ResilienceMetrics.Conflict(ConsumerName);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40) * attempt), context.CancellationToken);
            }
        }
    }

    /// <summary>Applies the message to <c>db</c> without saving; the base saves it with the inbox record.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    private Task<bool> AlreadyProcessedAsync(Guid messageId, CancellationToken cancellationToken)
    {
        // A message handled before the consumer had a wire name is recorded under its class name.
        var (name, legacy) = (ConsumerName, LegacyConsumerName);
        return db.ProcessedMessages.AsNoTracking()
            .AnyAsync(m => m.MessageId == messageId && (m.Consumer == name || m.Consumer == legacy), cancellationToken);
    }
}
