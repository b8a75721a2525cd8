using System.Globalization;
using Platform.BuildingBlocks.Auth;
using Platform.Inspection.Module.Features.Clues;

namespace Platform.Inspection.Module.Features.ListClues;

/// <summary>Clues by source, status, unit, duplicate group and time received, newest first.</summary>
public sealed class ListCluesHandler(InspectionDbContext db, ClueLoader clues)
{
    public async Task<ListCluesResponse> HandleAsync(ListCluesRequest request, CancellationToken cancellationToken)
    {
        clues.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var source = string.IsNullOrEmpty(request.SourceSystem) ? null : validator.OneOf("source_system", request.SourceSystem, ClueSources.All);
        var status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, ClueStatuses.All);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        Guid? groupId = string.IsNullOrEmpty(request.DuplicateGroupId) ? null : validator.Id("duplicate_group_id", request.DuplicateGroupId);
        DateTimeOffset? from = Instant(validator, "received_from", request.ReceivedFrom);
        DateTimeOffset? to = Instant(validator, "received_to", request.ReceivedTo);
        validator.ThrowIfInvalid();

        var query = db.Clues.AsNoTracking()
            .WhereIf(unitId, u => c => c.UnitId == u || c.AssignedUnitId == u)
            .WhereIf(groupId, g => c => c.DuplicateGroupId == g)
            .WhereIf(from, f => c => c.ReceivedAt >= f)
            .WhereIf(to, t => c => c.ReceivedAt < t);
        query = source is null ? query : query.Where(c => c.SourceSystem == source);
        query = status is null ? query : query.Where(c => c.Status == status);
        var (rows, next) = await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).ToPageAsync(page, cancellationToken);
        var response = new ListCluesResponse { NextPageToken = next };
        response.Clues.AddRange(rows.Select(c => c.ToProto()));
        return response;
    }

    private static DateTimeOffset? Instant(RequestValidator validator, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        validator.Add(field, "must be an ISO 8601 instant, e.g. 2026-05-01T00:00:00Z");
        return null;
    }
}
