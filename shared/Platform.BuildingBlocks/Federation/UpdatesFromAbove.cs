using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// An update an office issues for the nodes below it and that each node keeps (ADR 0024): a year's working-day calendar,
/// reporting rules. Each issuer numbers its updates; which one is in force is decided by <see cref="UpdatesFromAbove"/>,
/// never by the order they arrived in.
/// </summary>
public interface IUpdateFromAbove
{
    Guid Id { get; }

    string IssuerNodeId { get; }

    /// <summary>province, city or county: a higher issuer's update wins over a lower one's.</summary>
    string IssuerLevel { get; }

    /// <summary>Grows with every update of the issuer; of one issuer the newest wins.</summary>
    long Version { get; }

    DateTimeOffset IssuedAt { get; }

    /// <summary>The document it follows (a State Council notice, an office's notice).</summary>
    string? Notice { get; }

    /// <summary>The parent it came from; null when this node issued it.</summary>
    string? SenderNodeId { get; }

    DateTimeOffset ReceivedAt { get; }

    /// <summary>The children the issuer named (this node's issues only; empty: every child).</summary>
    List<string> ChildNodeIds { get; }
}

/// <summary>The precedence of updates from above, one rule for every kind of them (ADR 0024).</summary>
public static class UpdatesFromAbove
{
    private static readonly string[] LevelsFromTop = ["province", "city", "county"];

    /// <summary>Maps the columns every kept update has, to <paramref name="table"/>; a version is given once per issuer.</summary>
    public static EntityTypeBuilder<T> MapUpdateFromAbove<T>(this EntityTypeBuilder<T> update, string table)
        where T : class, IUpdateFromAbove
    {
        update.ToTable(table);
        update.HasKey(nameof(IUpdateFromAbove.Id));
        update.Property<string>(nameof(IUpdateFromAbove.IssuerNodeId)).HasMaxLength(64);
        update.Property<string>(nameof(IUpdateFromAbove.IssuerLevel)).HasMaxLength(16);
        update.Property<string?>(nameof(IUpdateFromAbove.Notice)).HasMaxLength(200);
        update.Property<string?>(nameof(IUpdateFromAbove.SenderNodeId)).HasMaxLength(64);
        update.PrimitiveCollection<List<string>>(nameof(IUpdateFromAbove.ChildNodeIds));
        update.HasIndex(nameof(IUpdateFromAbove.IssuerNodeId), nameof(IUpdateFromAbove.Version)).IsUnique();
        return update;
    }

    /// <summary>The next version of <paramref name="issuer"/>'s updates among <paramref name="updates"/>: 1 for its first.</summary>
    public static async Task<long> NextVersionAsync<T>(IQueryable<T> updates, string issuer, CancellationToken cancellationToken)
        where T : class, IUpdateFromAbove =>
        (await updates.Where(u => u.IssuerNodeId == issuer).MaxAsync(u => (long?)u.Version, cancellationToken) ?? 0) + 1;

    /// <summary>The level's rank from the top (0 for a province); an unknown level ranks below a county.</summary>
    public static int Rank(string level) => Array.IndexOf(LevelsFromTop, level) is var i and >= 0 ? i : LevelsFromTop.Length;

    /// <summary>
    /// For each subject (a year, a rule code) the update it follows: of each issuer its highest version that speaks of the
    /// subject, and of those the highest issuer's (a province's over a city's, a city's over the node's own office's when
    /// it is a county); between two issuers of one level the later issued. So an older version arriving after a newer one
    /// changes nothing, and neither does the order of arrival. Subjects come out in key order.
    /// </summary>
    public static IReadOnlyList<(TKey Subject, T Update)> InForce<TKey, T>(IEnumerable<(TKey Subject, T Update)> candidates)
        where TKey : notnull
        where T : IUpdateFromAbove =>
        [.. candidates
            .GroupBy(c => c.Subject)
            .Select(subject => subject
                .GroupBy(c => c.Update.IssuerNodeId)
                .Select(issuer => issuer.MaxBy(c => c.Update.Version))
                .OrderBy(c => Rank(c.Update.IssuerLevel)).ThenByDescending(c => c.Update.IssuedAt).ThenBy(c => c.Update.IssuerNodeId, StringComparer.Ordinal)
                .First())
            .OrderBy(c => c.Subject)];
}

/// <summary>
/// What updates a process has seen, by id: what it holds only grows (an update is never withdrawn), so in an embedded node,
/// where the services share one source, a service whose store has not yet kept an update does not take back what another
/// service applied.
/// </summary>
public sealed class UpdatesSeen<T>
    where T : IUpdateFromAbove
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, T> known = [];

    /// <summary>Joins <paramref name="updates"/> to those seen and gives all of them to <paramref name="apply"/>, under one lock.</summary>
    public void Merge(IEnumerable<T> updates, Action<IReadOnlyCollection<T>> apply)
    {
        ArgumentNullException.ThrowIfNull(updates);
        lock (gate)
        {
            foreach (var update in updates)
            {
                known.TryAdd(update.Id, update);
            }
            apply(known.Values);
        }
    }
}

/// <summary>
/// Reads a service's kept updates at start and every half minute, so every replica of a service (and a restarted node)
/// follows the updates in force, not only the one that consumed them (ADR 0024).
/// </summary>
public abstract class KeptUpdatesRefresher<TContext>(IServiceScopeFactory scopes, ILogger logger) : PeriodicWorker(logger)
    where TContext : DbContext
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected abstract Task RefreshAsync(TContext db, CancellationToken cancellationToken);

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await RefreshAsync(scope.ServiceProvider.GetRequiredService<TContext>(), cancellationToken);
    }
}
