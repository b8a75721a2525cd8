using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// A background job that runs a round, waits, and runs again, on every replica. A failed round
/// is logged and retried at the next interval; stopping the host ends the loop cleanly. The
/// round itself must be safe when several replicas run it at once.
/// </summary>
public abstract partial class PeriodicWorker(ILogger logger) : BackgroundService
{
    /// <summary>The pause between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>
    /// The clock the pause is measured on. The system clock by default; a worker whose rounds
    /// follow business time waits on the injected clock instead (tests then move it).
    /// </summary>
    protected virtual TimeProvider IntervalClock => TimeProvider.System;

    /// <summary>
    /// When set, a notification of this signal ends the pause at once (new work was committed); the interval stays
    /// as the safety net. The pause is then measured on the system clock.
    /// </summary>
    protected virtual WakeSignal? Wake => null;

    /// <summary>False keeps the loop off on this process (the round can still be run on demand).</summary>
    protected virtual bool Enabled => true;

    /// <summary>One round: everything that is due now.</summary>
    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(logger, ex, GetType().Name);
            }
            try
            {
                if (Wake is { } wake)
                {
                    await wake.WaitAsync(Interval, stoppingToken);
                }
                else
                {
                    await Task.Delay(Interval, IntervalClock, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} round failed; retrying at the next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string worker);
}
