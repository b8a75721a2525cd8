using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Notification.Module.Features.Reminders;

/// <summary>The watched deadlines and the reminders sent, for the office; a scan on demand for operators.</summary>
public sealed class RemindersFeature(NotificationDbContext db, NotificationAccess access, ReminderScanner scanner)
{
    public async Task<ListDeadlineWatchesResponse> ListWatchesAsync(ListDeadlineWatchesRequest request, CancellationToken cancellationToken)
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

    public async Task<ListRemindersResponse> ListRemindersAsync(ListRemindersRequest request, CancellationToken cancellationToken)
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

    public async Task<RunReminderScanResponse> ScanAsync(CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.NodeOperator);
        var result = await scanner.ScanAllDueAsync(cancellationToken);
        return new RunReminderScanResponse { RemindersSent = result.RemindersSent, LeaseAcquired = result.LeaseAcquired };
    }
}
