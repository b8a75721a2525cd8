namespace Platform.Rectification.Module.Features.ListItems;

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
