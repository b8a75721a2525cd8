using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Proto = Platform.Contracts.Audit.V1;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>A parsed search: which stores, which entries.</summary>
public sealed record AuditQuery(
    IReadOnlyList<string> Services, string? UserId, DateTimeOffset? From, DateTimeOffset? To,
    string? Action, string? Operation, string? EntityType, string? EntityId)
{
    private static readonly Dictionary<string, string> Operations = new(StringComparer.Ordinal)
    {
        ["create"] = "create", ["update"] = "update", ["delete"] = "delete", ["read"] = "read",
    };

    public static AuditQuery Parse(RequestValidator validator, Proto.EntryFilter? filter, AuditStores stores)
    {
        filter ??= new Proto.EntryFilter();
        IReadOnlyList<string> services = [.. stores.Services];
        if (!string.IsNullOrWhiteSpace(filter.Service))
        {
            var service = filter.Service.Trim();
            if (stores.Contains(service))
            {
                services = [service];
            }
            else
            {
                validator.Add("filter.service", $"must be one of {string.Join(", ", stores.Services)}");
            }
        }
        var from = Instant(validator, "filter.from", filter.From);
        var to = Instant(validator, "filter.to", filter.To);
        if (from is { } f && to is { } t && t <= f)
        {
            validator.Add("filter.to", "must be after filter.from");
        }
        var operation = string.IsNullOrWhiteSpace(filter.Operation) ? null : validator.OneOf("filter.operation", filter.Operation, Operations);
        return new AuditQuery(services, Text(filter.UserId), from, to, Text(filter.Action), operation, Text(filter.EntityType), Text(filter.EntityId));
    }

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        entries = entries.WhereIf(From, f => e => e.RecordedAt >= f).WhereIf(To, t => e => e.RecordedAt < t);
        if (UserId is { } user)
        {
            entries = entries.Where(e => e.UserId == user);
        }
        if (Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        if (Operation is { } operation)
        {
            entries = entries.Where(e => e.Operation == operation);
        }
        if (EntityType is { } type)
        {
            entries = entries.Where(e => e.EntityType == type);
        }
        if (EntityId is { } id)
        {
            entries = entries.Where(e => e.EntityId == id);
        }
        return entries;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Instant(RequestValidator validator, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        validator.Add(field, $"'{AuditLimits.Clip(value, 40)}' is not an instant; expected ISO 8601, e.g. 2026-11-30T08:00:00Z");
        return null;
    }
}

/// <summary>
/// Searches several stores as one trail. Each store is read in its own insertion order after a
/// cursor; the stores are merged by time. The page token holds one cursor per store, so paging
/// never skips or repeats an entry, however many millions there are.
/// </summary>
public sealed class AuditSearch(AuditStores stores)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static Dictionary<string, long> ParseToken(RequestValidator validator, string? token)
    {
        var cursors = new Dictionary<string, long>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(token))
        {
            return cursors;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
            foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var pair = part.Split('=');
                cursors[pair[0]] = long.Parse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or OverflowException)
        {
            validator.Add("page_token", "is not a token returned by a previous call");
        }
        return cursors;
    }

    private static string Token(IReadOnlyDictionary<string, long> cursors) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join(';', cursors.Select(c => $"{c.Key}={c.Value}"))))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>One page, and the token of the next (empty when none).</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, string NextToken)> PageAsync(
        AuditQuery query, Dictionary<string, long> cursors, int size, CancellationToken cancellationToken)
    {
        var heads = new List<Queue<AuditEntry>>();
        foreach (var service in query.Services)
        {
            var after = cursors.GetValueOrDefault(service);
            await using var db = stores.Open(service);
            var rows = await query.Apply(db.Entries.AsNoTracking())
                .Where(e => e.Position > after)
                .OrderBy(e => e.Position)
                .Take(size + 1)
                .ToListAsync(cancellationToken);
            heads.Add(new Queue<AuditEntry>(rows));
        }
        // A k-way merge takes a prefix of each store's list, so each store's cursor stays exact.
        var page = new List<AuditEntry>(size);
        while (page.Count < size)
        {
            var next = heads.Where(q => q.Count > 0)
                .OrderBy(q => q.Peek().RecordedAt).ThenBy(q => q.Peek().Service, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }
            var entry = next.Dequeue();
            cursors[entry.Service] = entry.Position;
            page.Add(entry);
        }
        return (page, heads.Any(q => q.Count > 0) ? Token(cursors) : string.Empty);
    }

    /// <summary>Every matching entry, page by page, for exports.</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursors = new Dictionary<string, long>(StringComparer.Ordinal);
        while (true)
        {
            var (entries, next) = await PageAsync(query, cursors, MaxPageSize, cancellationToken);
            foreach (var entry in entries)
            {
                yield return entry;
            }
            if (next.Length == 0)
            {
                yield break;
            }
        }
    }
}
