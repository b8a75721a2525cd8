using Platform.BuildingBlocks.Grpc;

namespace Platform.Notification.Module.Features.ListReminders;

/// <summary>The reminders sent, for the office and operators, by watch and unit.</summary>
public sealed class ListRemindersHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<ListRemindersResponse> HandleAsync(ListRemindersRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? watchId = string.IsNullOrWhiteSpace(request.WatchId) ? null : validator.Id("watch_id", request.WatchId);
        Guid? unitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        var query = db.SentReminders.AsNoTracking();
        if (watchId is not null)
        {
            query = query.Where(r => r.WatchId == watchId);
        }
        if (unitId is not null)
        {
            query = query.Where(r => r.UnitId == unitId);
        }
        var (reminders, next) = await query.OrderBy(r => r.DueOn).ThenBy(r => r.Id).ToPageAsync(page, cancellationToken);
        var response = new ListRemindersResponse { NextPageToken = next };
        response.Reminders.AddRange(reminders.Select(r => new Reminder
        {
            Id = r.Id.ToString(),
            WatchId = r.WatchId.ToString(),
            Kind = r.Kind,
            DueOn = r.DueOn.ToWire(),
            Deadline = r.Deadline.ToWire(),
            NotificationId = r.NotificationId.ToString(),
            CreatedAt = r.CreatedAt.ToWire(),
            CreatedOnNode = r.CreatedOnNode,
        }));
        return response;
    }
}
