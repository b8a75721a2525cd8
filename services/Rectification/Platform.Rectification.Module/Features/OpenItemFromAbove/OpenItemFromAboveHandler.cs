using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.OpenItemFromAbove;

/// <summary>
/// The office opens an item for a finding that a mission of a node above fed back to one of this node's units (ADR 0022),
/// under the mission's 督察通知 that came down. The finding's text stays here, with the item; what goes up to the node
/// whose mission it was is the item's status only, in the save that opened it and in every save that changes it.
/// </summary>
public sealed class OpenItemFromAboveHandler(
    RectificationDbContext db, RectificationAccess access, DeadlinePolicy deadlines, TimeProvider clock, IOptions<NodeOptions> node)
{
    public async Task<RectificationItem> HandleAsync(OpenItemFromAboveRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var noticeId = validator.Id("origin_notice_id", request.OriginNoticeId);
        var unitId = validator.Id("unit_id", request.UnitId);
        var unitName = validator.Name("unit_name", request.UnitName, 200);
        var title = validator.Required("title", request.Title, 1000);
        var description = validator.Optional("description", request.Description, 8000) ?? string.Empty;
        var location = validator.Optional("location", request.Location, 500) ?? string.Empty;
        var category = validator.Optional("category", request.Category, 100) ?? string.Empty;
        var severity = string.IsNullOrWhiteSpace(request.Severity)
            ? Severities.General
            : validator.OneOf("severity", request.Severity, Severities.ByWireName) ?? Severities.General;
        var today = clock.TodayInChina();
        DateOnly? requested = string.IsNullOrWhiteSpace(request.Deadline) ? null : validator.Date("deadline", request.Deadline);
        if (requested is { } date && date != default && date <= today)
        {
            validator.Add("deadline", $"must be after today ({today:yyyy-MM-dd}), got {date:yyyy-MM-dd}");
        }
        validator.ThrowIfInvalid();

        var mission = await db.MissionsFromAbove.AsNoTracking().SingleOrDefaultAsync(m => m.NoticeId == noticeId, cancellationToken);
        if (mission is null)
        {
            new RequestValidator()
                .Add("origin_notice_id", $"no mission notice from above with id {noticeId} has reached this node (the subject_id of a mission_from_above message)")
                .ThrowIfInvalid();
        }
        var (item, entry) = Domain.RectificationItem.OpenFromAbove(
            mission!, unitId, unitName, node.Value.RegionCode, title, description, location, category, severity,
            requested ?? deadlines.ForNewItem(severity, today), today, access.Now());
        db.Items.Add(item);
        db.History.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
