namespace Platform.BuildingBlocks.Outbox;

/// <summary>Dispatcher settings (section "Outbox").</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the dispatcher looks for rows when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While rounds find nothing due, the pause doubles from <see cref="PollInterval"/> up to this (a commit on this
    /// process ends it at once, as always), so an idle node does not query every store every two seconds. Not
    /// while rows this dispatcher failed to publish may still wait for their retry.
    /// </summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(16);

    public int BatchSize { get; set; } = 100;

    /// <summary>How long a dispatcher holds a row it is publishing before another replica may take it.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one publish may wait for the broker's acknowledgement.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First retry delay; doubles on each failure up to <see cref="MaxRetryDelay"/>. Rows are retried for ever.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A few seconds, so that rows that failed through a broker outage are published within
    /// seconds of its return rather than after a back-off grown to minutes.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a published row is kept (for tracing what was sent) before the dispatcher deletes
    /// it. Rows not yet published are never deleted.
    /// </summary>
    public TimeSpan RetainPublishedFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the dispatcher deletes published rows older than <see cref="RetainPublishedFor"/>.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The pause after <paramref name="idleRounds"/> rounds in a row found nothing due.</summary>
    public TimeSpan IdlePause(int idleRounds)
    {
        if (IdlePollInterval <= PollInterval)
        {
            return PollInterval;
        }
        var pause = PollInterval;
        for (var i = 0; i < idleRounds && pause < IdlePollInterval; i++)
        {
            pause += pause;
        }
        return pause < IdlePollInterval ? pause : IdlePollInterval;
    }

    public TimeSpan NextDelay(int attempts)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 20);
        var delay = TimeSpan.FromTicks(RetryDelay.Ticks * (1L << exponent));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
