using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Kernel.Deadlines;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Domain;
using Platform.Rectification.Module.Features.Workflow;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Features.Extensions;

/// <summary>Extension requests (延期申请): the unit asks before its deadline with a reason; the office approves or refuses; both dates are kept.</summary>
public sealed class ExtensionsFeature(RectificationDbContext db, RectificationAccess access, TimeProvider clock)
{
    public async Task<Contracts.Rectification.V1.ExtensionRequest> RequestAsync(RequestExtensionRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var requested = validator.Date("requested_deadline", request.RequestedDeadline);
        var reason = validator.Required("reason", request.Reason, 2000);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        if (await db.Extensions.AnyAsync(e => e.ItemId == item.Id && e.Status == ExtensionStatus.Pending, cancellationToken))
        {
            throw new AlreadyExistsException("This item already has an extension request waiting for a decision.");
        }
        var stamp = access.Now();
        var extension = Domain.ExtensionRequest.File(item, requested, reason, clock.TodayInChina(), stamp);
        db.Extensions.Add(extension);
        db.History.Add(item.Record(stamp, HistoryActions.ExtensionRequested, $"申请延期至{requested:yyyy-MM-dd}：{reason}"));
        await db.SaveChangesAsync(cancellationToken);
        return extension.ToProto();
    }

    public async Task<Contracts.Rectification.V1.ExtensionRequest> DecideAsync(DecideExtensionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var id = validator.Id("extension_id", request.ExtensionId);
        var note = validator.Optional("note", request.Note, 2000) ?? string.Empty;
        if (!request.Approve && note.Length == 0)
        {
            validator.Add("note", "must say why the request is refused");
        }
        validator.ThrowIfInvalid();

        var extension = await db.Extensions.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Extension request {id} does not exist on this node.");
        var item = await access.Visible(db.Items).SingleOrDefaultAsync(i => i.Id == extension.ItemId, cancellationToken)
            ?? throw new NotFoundException($"Extension request {id} does not exist on this node.");
        var stamp = access.Now();
        extension.Decide(request.Approve, note, stamp);
        if (request.Approve)
        {
            var previous = item.Deadline;
            db.History.Add(item.ApproveExtension(extension.RequestedDeadline, note, stamp));
            db.AddIntegrationEvent(new RectificationExtensionApproved(
                item.Id, item.UnitId, previous, item.Deadline, stamp.UserId, stamp.At, stamp.NodeId));
        }
        else
        {
            db.History.Add(item.Record(stamp, HistoryActions.ExtensionRefused, $"不同意延期至{extension.RequestedDeadline:yyyy-MM-dd}：{note}"));
        }
        await db.SaveChangesAsync(cancellationToken);
        return extension.ToProto();
    }

    public async Task<ListExtensionsResponse> ListAsync(ListExtensionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? itemId = string.IsNullOrEmpty(request.ItemId) ? null : validator.Id("item_id", request.ItemId);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        ExtensionStatus? status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, ExtensionStatuses.ByWireName);
        validator.ThrowIfInvalid();

        // Only extensions of items the caller may see: the visibility rule lives on the items.
        var visibleItems = access.Visible(db.Items.AsNoTracking()).Select(i => i.Id);
        var (rows, next) = await db.Extensions.AsNoTracking()
            .Where(e => visibleItems.Contains(e.ItemId))
            .WhereIf(itemId, i => e => e.ItemId == i)
            .WhereIf(unitId, u => e => e.UnitId == u)
            .WhereIf(status, s => e => e.Status == s)
            .OrderByDescending(e => e.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListExtensionsResponse { NextPageToken = next };
        response.Extensions.AddRange(rows.Select(e => e.ToProto()));
        return response;
    }
}
