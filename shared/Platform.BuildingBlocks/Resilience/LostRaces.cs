using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Resilience;

/// <summary>
/// The save of a background scan that runs on every replica (overdue marks, reminders): when
/// another replica or a user changed a row first (its concurrency token) or wrote the same unique
/// row first, the batch is dropped and the next round re-reads. Each such lost race is counted
/// (<c>platform.resilience.conflicts</c>) and logged, so replicas racing over the same rows can be seen.
/// </summary>
public static partial class LostRaces
{
    /// <summary>Saves the batch; false when it lost a race and was dropped (counted and logged). Other failures propagate.</summary>
    public static async Task<bool> TrySaveAsync(DbContext db, string operation, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException lost) when (lost is DbUpdateConcurrencyException || DatabaseConflicts.IsUniqueKeyClash(lost))
        {
            ResilienceMetrics.Conflict(operation);
            LogLost(logger, operation, lost.Entries.Count,
                lost is DbUpdateConcurrencyException ? "row(s) changed meanwhile" : "row(s) already written by another replica");
            // The tracked changes are stale: a caller that goes on with this context must not save them again.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information,
        Message = "{Operation}: batch dropped, {Entries} {Reason} (another replica or a user was first); the next round re-reads")]
    private static partial void LogLost(ILogger logger, string operation, int entries, string reason);
}
