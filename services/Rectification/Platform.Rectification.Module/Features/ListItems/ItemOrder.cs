namespace Platform.Rectification.Module.Features.ListItems;

/// <summary>
/// The order ListItems returns: a field (deadline, severity, unit_name, opened_on) with an optional
/// leading "-" for the reverse. Ties go by deadline, then id, so pages never overlap.
/// </summary>
internal sealed record ItemOrder(string Field, bool Descending)
{
    public const string Deadline = "deadline";
    public const string Severity = "severity";
    public const string UnitName = "unit_name";
    public const string OpenedOn = "opened_on";

    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        [Deadline] = Deadline,
        [Severity] = Severity,
        [UnitName] = UnitName,
        [OpenedOn] = OpenedOn,
    };

    private static readonly Dictionary<string, string> Allowed =
        Fields.Keys.Concat(Fields.Keys.Select(f => "-" + f)).ToDictionary(f => f, f => f, StringComparer.OrdinalIgnoreCase);

    public static ItemOrder Parse(RequestValidator validator, string? sort)
    {
        if (string.IsNullOrWhiteSpace(sort))
        {
            return new ItemOrder(Deadline, false);
        }
        var given = validator.OneOf("sort", sort, Allowed);
        if (given is null)
        {
            return new ItemOrder(Deadline, false);
        }
        var descending = given.StartsWith('-');
        return new ItemOrder(Fields[descending ? given[1..] : given], descending);
    }

    public IOrderedQueryable<Domain.RectificationItem> Apply(IQueryable<Domain.RectificationItem> items)
    {
        var ordered = (Field, Descending) switch
        {
            (Severity, false) => items.OrderBy(i => i.Severity == Severities.General ? 0 : i.Severity == Severities.Serious ? 1 : 2),
            (Severity, true) => items.OrderByDescending(i => i.Severity == Severities.General ? 0 : i.Severity == Severities.Serious ? 1 : 2),
            (UnitName, false) => items.OrderBy(i => i.UnitName),
            (UnitName, true) => items.OrderByDescending(i => i.UnitName),
            (OpenedOn, false) => items.OrderBy(i => i.OpenedOn),
            (OpenedOn, true) => items.OrderByDescending(i => i.OpenedOn),
            (_, true) => items.OrderByDescending(i => i.Deadline),
            _ => items.OrderBy(i => i.Deadline),
        };
        return Field == Deadline
            ? ordered.ThenBy(i => i.Id)
            : ordered.ThenBy(i => i.Deadline).ThenBy(i => i.Id);
    }
}
