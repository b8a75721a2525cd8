using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Inspection.Module.Features.Integrators;
using Clue = Platform.Inspection.Module.Domain.Clue;

namespace Platform.Inspection.Module.Features.Clues;

/// <summary>
/// Clue intake for outside systems: each item is checked on its own, so a bad item is rejected
/// with its reason and never blocks the good ones; a (source system, source id) is stored once,
/// also when two resends race (the unique index decides); clues about the same unit and matter
/// from different sources join one likely-duplicate group.
/// </summary>
public sealed partial class ClueIntakeFeature(InspectionDbContext db, AuditStamper audit, IHttpContextAccessor http, ILogger<ClueIntakeFeature> logger)
{
    public const int MaxBatch = 1000;

    private const string Accepted = "accepted";
    private const string Duplicate = "duplicate";
    private const string Rejected = "rejected";

    public async Task<IntakeCluesResponse> IntakeAsync(IntakeCluesRequest request, CancellationToken cancellationToken)
    {
        var principal = http.HttpContext?.User ?? throw new PermissionDeniedException("No integrator is calling.");
        if (!Guid.TryParse(principal.FindFirstValue(IntegratorKeyAuthentication.IntegratorIdClaim), out var integratorId))
        {
            throw new PermissionDeniedException("Clue intake is open to registered integrators only.");
        }
        var allowedSources = principal.FindAll(IntegratorKeyAuthentication.AllowedSourceClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (request.Clues.Count is 0 or > MaxBatch)
        {
            throw new ValidationException("clues", $"must hold 1 to {MaxBatch} clues, got {request.Clues.Count}");
        }

        var stamp = audit.Now();
        var results = new IntakeResult[request.Clues.Count];
        var fresh = new List<(int Index, Clue Clue)>();
        var firstIndexOfKey = new Dictionary<(string, string), int>();
        for (var i = 0; i < request.Clues.Count; i++)
        {
            var item = request.Clues[i];
            results[i] = new IntakeResult { Index = i, SourceId = item.SourceId ?? string.Empty };
            var clue = Parse(integratorId, item, allowedSources, stamp, out var reason);
            if (clue is null)
            {
                results[i].Status = Rejected;
                results[i].Reason = reason;
            }
            else if (firstIndexOfKey.TryAdd((clue.SourceSystem, clue.SourceId), i))
            {
                fresh.Add((i, clue));
            }
            else
            {
                // Sent twice in one batch: the later copy points at the first.
                results[i].Status = Duplicate;
                results[i].Reason = $"same source id as clues[{firstIndexOfKey[(clue.SourceSystem, clue.SourceId)]}]";
            }
        }

        var existing = await ExistingIdsAsync(fresh.Select(f => f.Clue), cancellationToken);
        var toStore = new List<(int Index, Clue Clue)>();
        foreach (var (index, clue) in fresh)
        {
            if (existing.TryGetValue((clue.SourceSystem, clue.SourceId), out var storedId))
            {
                results[index].Status = Duplicate;
                results[index].ClueId = storedId.ToString();
                results[index].Reason = "already received; the original clue is kept";
            }
            else
            {
                toStore.Add((index, clue));
            }
        }

        await GroupLikelyDuplicatesAsync(toStore.Select(s => s.Clue).ToList(), cancellationToken);
        await StoreAsync(toStore, results, cancellationToken);

        // Copies inside the batch share the id of the copy that was stored (or found).
        foreach (var result in results.Where(r => r.Status == Duplicate && r.ClueId.Length == 0))
        {
            var item = request.Clues[result.Index];
            var first = results[firstIndexOfKey[(item.SourceSystem.Trim(), item.SourceId.Trim())]];
            result.ClueId = first.ClueId;
        }
        var response = new IntakeCluesResponse
        {
            Accepted = results.Count(r => r.Status == Accepted),
            Duplicates = results.Count(r => r.Status == Duplicate),
            Rejected = results.Count(r => r.Status == Rejected),
        };
        response.Results.AddRange(results);
        LogIntake(logger, integratorId, request.Clues.Count, response.Accepted, response.Duplicates, response.Rejected);
        return response;
    }

    private static Clue? Parse(Guid integratorId, NewClue item, HashSet<string> allowedSources, Audit stamp, out string reason)
    {
        var validator = new RequestValidator();
        var source = validator.OneOf("source_system", item.SourceSystem, ClueSources.All);
        if (source is not null && !allowedSources.Contains(source))
        {
            validator.Add("source_system", $"this integrator may not send {source} clues; it may send {string.Join(", ", allowedSources.Order())}");
        }
        var sourceId = validator.Required("source_id", item.SourceId, 100);
        var receivedAt = default(DateTimeOffset);
        if (string.IsNullOrWhiteSpace(item.ReceivedAt) ||
            !DateTimeOffset.TryParse(item.ReceivedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out receivedAt))
        {
            validator.Add("received_at", "must be an ISO 8601 instant, e.g. 2026-05-01T08:30:00Z");
        }
        else if (receivedAt > stamp.At.AddMinutes(5))
        {
            validator.Add("received_at", "lies in the future");
        }
        var subject = validator.Required("subject", item.Subject, 500);
        var content = validator.Optional("content", item.Content, 10000) ?? string.Empty;
        var category = validator.Optional("category", item.Category, 100) ?? string.Empty;
        Guid? unitId = string.IsNullOrWhiteSpace(item.UnitId) ? null : validator.Id("unit_id", item.UnitId);
        var unitName = validator.Optional("unit_name", item.UnitName, 200) ?? string.Empty;
        if (unitId is null && unitName.Length == 0)
        {
            validator.Add("unit_name", "must name the unit concerned when unit_id is not given");
        }
        var region = string.IsNullOrWhiteSpace(item.RegionCode) ? null : item.RegionCode.Trim();
        if (region is not null && !RegionCode().IsMatch(region))
        {
            validator.Add("region_code", $"'{region}' is not a six-digit GB/T 2260 code");
        }
        try
        {
            validator.ThrowIfInvalid();
        }
        catch (ValidationException invalid)
        {
            reason = invalid.Message;
            return null;
        }
        reason = string.Empty;
        return Clue.Receive(integratorId, source!, sourceId, receivedAt.ToUniversalTime(), subject, content, category, unitId, unitName, region, stamp);
    }

    private async Task<Dictionary<(string, string), Guid>> ExistingIdsAsync(IEnumerable<Clue> clues, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), Guid>();
        foreach (var bySource in clues.GroupBy(c => c.SourceSystem))
        {
            var source = bySource.Key;
            var ids = bySource.Select(c => c.SourceId).ToList();
            var rows = await db.Clues.AsNoTracking().Where(c => c.SourceSystem == source && ids.Contains(c.SourceId))
                .Select(c => new { c.SourceId, c.Id }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[(source, row.SourceId)] = row.Id;
            }
        }
        return found;
    }

    /// <summary>A new clue whose unit and matter match a clue from another source joins (or starts) that clue's group.</summary>
    private async Task GroupLikelyDuplicatesAsync(List<Clue> incoming, CancellationToken cancellationToken)
    {
        if (incoming.Count == 0)
        {
            return;
        }
        var keys = incoming.Select(c => c.DuplicateKey).Distinct().ToList();
        var known = await db.Clues.Where(c => keys.Contains(c.DuplicateKey) && !c.SplitFromGroup && c.Status != ClueStatuses.Merged)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var candidates = known.ToLookup(c => c.DuplicateKey).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var clue in incoming)
        {
            var sameMatter = candidates.TryGetValue(clue.DuplicateKey, out var list) ? list : candidates[clue.DuplicateKey] = [];
            var others = sameMatter.Where(c => c.SourceSystem != clue.SourceSystem).ToList();
            if (others.Count > 0)
            {
                var group = sameMatter.Select(c => c.DuplicateGroupId).FirstOrDefault(g => g is not null) ?? Guid.CreateVersion7();
                foreach (var member in sameMatter.Where(c => c.DuplicateGroupId is null))
                {
                    member.JoinGroup(group);
                }
                clue.JoinGroup(group);
            }
            sameMatter.Add(clue);
        }
    }

    private async Task StoreAsync(List<(int Index, Clue Clue)> toStore, IntakeResult[] results, CancellationToken cancellationToken)
    {
        db.Clues.AddRange(toStore.Select(s => s.Clue));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (index, clue) in toStore)
            {
                MarkAccepted(results[index], clue);
            }
            return;
        }
        catch (DbUpdateException)
        {
            // A concurrent resend stored some of these first: fall back to one at a time, so the race
            // costs this batch only the clues the other caller already stored.
            db.ChangeTracker.Clear();
        }
        foreach (var (index, clue) in toStore)
        {
            db.Clues.Add(clue);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                MarkAccepted(results[index], clue);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                var original = await db.Clues.AsNoTracking()
                    .Where(c => c.SourceSystem == clue.SourceSystem && c.SourceId == clue.SourceId)
                    .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
                if (original is null)
                {
                    throw;
                }
                results[index].Status = Duplicate;
                results[index].ClueId = original.Value.ToString();
                results[index].Reason = "already received; the original clue is kept";
            }
        }
    }

    private static void MarkAccepted(IntakeResult result, Clue clue)
    {
        result.Status = Accepted;
        result.ClueId = clue.Id.ToString();
        result.DuplicateGroupId = clue.DuplicateGroupId?.ToString() ?? string.Empty;
    }

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex RegionCode();

    [LoggerMessage(Level = LogLevel.Information, Message = "Integrator {IntegratorId} sent {Count} clues: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    private static partial void LogIntake(ILogger logger, Guid integratorId, int count, int accepted, int duplicates, int rejected);
}
