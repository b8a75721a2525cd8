using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Domain;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Features.Items;

/// <summary>Reading items and their history; the office sets the responsible person and the deadline.</summary>
public sealed class ItemsFeature(RectificationDbContext db, RectificationAccess access, TimeProvider clock)
{
    public async Task<Contracts.Rectification.V1.RectificationItem> GetAsync(GetItemRequest request, CancellationToken cancellationToken) =>
        (await access.LoadAsync(db.Items.AsNoTracking(), "item_id", request.ItemId, cancellationToken)).ToProto();

    public async Task<ListItemsResponse> ListAsync(ListItemsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var filter = ItemFilter.Parse(validator, request);
        validator.ThrowIfInvalid();

        var (rows, next) = await filter.Apply(access.Visible(db.Items.AsNoTracking()))
            .OrderBy(i => i.Deadline).ThenBy(i => i.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListItemsResponse { NextPageToken = next };
        response.Items.AddRange(rows.Select(i => i.ToProto()));
        return response;
    }

    public async Task<ListItemHistoryResponse> HistoryAsync(ListItemHistoryRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var item = await access.LoadAsync(db.Items.AsNoTracking(), "item_id", request.ItemId, cancellationToken);
        var (rows, next) = await db.History.AsNoTracking()
            .Where(e => e.ItemId == item.Id)
            .OrderBy(e => e.Sequence)
            .ToPageAsync(page, cancellationToken);
        var response = new ListItemHistoryResponse { NextPageToken = next };
        response.Entries.AddRange(rows.Select(e => e.ToProto()));
        return response;
    }

    public async Task<Contracts.Rectification.V1.RectificationItem> AssignResponsibilityAsync(AssignResponsibilityRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var person = validator.Required("responsible_person", request.ResponsiblePerson, 100);
        DateOnly? deadline = string.IsNullOrWhiteSpace(request.Deadline) ? null : validator.Date("deadline", request.Deadline);
        var note = validator.Optional("note", request.Note, 1000) ?? string.Empty;
        if (deadline is { } date && date != default && date < clock.TodayInChina())
        {
            validator.Add("deadline", $"must not be in the past, got {date:yyyy-MM-dd}");
        }
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        db.History.Add(item.AssignResponsibility(person, deadline, note, access.Now()));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}

/// <summary>The filters of ListItems, parsed once and applied as SQL.</summary>
internal sealed record ItemFilter(
    Guid? UnitId, Guid? MissionId, ItemState? State, string? Severity, string? Category, bool? Overdue, DateOnly? DeadlineFrom, DateOnly? DeadlineTo)
{
    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.OrdinalIgnoreCase) { ["true"] = true, ["false"] = false };

    public static ItemFilter Parse(RequestValidator validator, ListItemsRequest request)
    {
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        Guid? missionId = string.IsNullOrEmpty(request.MissionId) ? null : validator.Id("mission_id", request.MissionId);
        ItemState? state = string.IsNullOrEmpty(request.State) ? null : validator.OneOf("state", request.State, ItemStates.ByWireName);
        var severity = string.IsNullOrEmpty(request.Severity) ? null : validator.OneOf("severity", request.Severity, Severities.ByWireName);
        var category = string.IsNullOrWhiteSpace(request.Category) ? null : request.Category.Trim();
        bool? overdue = string.IsNullOrEmpty(request.Overdue) ? null : validator.OneOf("overdue", request.Overdue, Booleans);
        DateOnly? from = string.IsNullOrEmpty(request.DeadlineFrom) ? null : validator.Date("deadline_from", request.DeadlineFrom);
        DateOnly? to = string.IsNullOrEmpty(request.DeadlineTo) ? null : validator.Date("deadline_to", request.DeadlineTo);
        if (from is { } f && to is { } t && f != default && t != default && f > t)
        {
            validator.Add("deadline_to", "must not be before deadline_from");
        }
        return new ItemFilter(unitId, missionId, state, severity, category, overdue, from, to);
    }

    public IQueryable<Domain.RectificationItem> Apply(IQueryable<Domain.RectificationItem> items)
    {
        items = items
            .WhereIf(UnitId, u => i => i.UnitId == u)
            .WhereIf(MissionId, m => i => i.MissionId == m)
            .WhereIf(State, s => i => i.State == s)
            .WhereIf(Overdue, o => i => i.Overdue == o)
            .WhereIf(DeadlineFrom, d => i => i.Deadline >= d)
            .WhereIf(DeadlineTo, d => i => i.Deadline <= d);
        if (Severity is { } severity)
        {
            items = items.Where(i => i.Severity == severity);
        }
        if (Category is { } category)
        {
            items = items.Where(i => i.Category == category);
        }
        return items;
    }
}
