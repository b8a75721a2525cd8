using Platform.BuildingBlocks.Grpc;
using DeadlineWatch = Platform.Contracts.Notification.V1.DeadlineWatch;

namespace Platform.Notification.Module.Features.ListDeadlineWatches;

/// <summary>The watched deadlines, for the office and operators.</summary>
public sealed class ListDeadlineWatchesHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<ListDeadlineWatchesResponse> HandleAsync(ListDeadlineWatchesRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? unitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        var query = db.DeadlineWatches.AsNoTracking();
        if (unitId is not null)
        {
            query = query.Where(w => w.UnitId == unitId);
        }
        if (request.ActiveOnly)
        {
            query = query.Where(w => w.Active);
        }
        var (watches, next) = await query.OrderBy(w => w.Id).ToPageAsync(page, cancellationToken);
        var response = new ListDeadlineWatchesResponse { NextPageToken = next };
        response.Watches.AddRange(watches.Select(w => new DeadlineWatch
        {
            Id = w.Id.ToString(),
            SourceType = w.SourceType,
            SourceId = w.SourceId.ToString(),
            UnitId = w.UnitId.ToString(),
            UnitName = w.UnitName,
            // An item's title is its finding's: not for operators.
            Title = access.HidesCaseTitles && w.SourceType == Domain.WatchSources.RectificationItem ? string.Empty : w.Title,
            Deadline = w.Deadline.ToWire(),
            Active = w.Active,
            NextReminderOn = w.NextReminderOn?.ToWire() ?? string.Empty,
        }));
        return response;
    }
}
