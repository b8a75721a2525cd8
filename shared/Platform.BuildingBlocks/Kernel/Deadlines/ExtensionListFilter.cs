using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Kernel.Deadlines;

/// <summary>What every extension request has that the lists filter and order on, whatever it extends.</summary>
public interface IExtensionRecord
{
    Guid Id { get; }

    Guid UnitId { get; }

    ExtensionStatus Status { get; }
}

/// <summary>
/// The unit and status filters every extension list takes besides its owner (a plan, an item),
/// read naming each bad field; newest first.
/// </summary>
public sealed record ExtensionListFilter(Guid? UnitId, ExtensionStatus? Status)
{
    /// <summary>Reads the filters into <paramref name="validator"/>; empty means no filter.</summary>
    public static ExtensionListFilter Read(RequestValidator validator, string? unitId, string? status) => new(
        string.IsNullOrEmpty(unitId) ? null : validator.Id("unit_id", unitId),
        string.IsNullOrEmpty(status) ? null : validator.OneOf("status", status, ExtensionStatuses.ByWireName));

    /// <summary>The requests that pass the filters, newest first.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> requests)
        where T : class, IExtensionRecord
    {
        if (UnitId is { } unit)
        {
            requests = requests.Where(e => e.UnitId == unit);
        }
        if (Status is { } status)
        {
            requests = requests.Where(e => e.Status == status);
        }
        return requests.OrderByDescending(e => e.Id);
    }
}
