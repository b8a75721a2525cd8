namespace Platform.BuildingBlocks.Documents.Spreadsheets;

/// <summary>How a cell shows its value; each kind has one style in <see cref="WorkbookStyles"/>.</summary>
public enum CellKind
{
    /// <summary>Text on one line (statuses, short names).</summary>
    Text,
    /// <summary>Text wrapped within the column width (task text, descriptions).</summary>
    WrappedText,
    /// <summary>A number, centred.</summary>
    Number,
    /// <summary>A fraction shown as whole percents (0%).</summary>
    WholePercent,
    /// <summary>A fraction shown with one decimal (0.0%).</summary>
    Percent,
}

/// <summary>One cell of a data or totals row; a null value leaves the cell blank but styled.</summary>
public readonly record struct WorkbookCell(CellKind Kind, string? Text = null, double? Value = null)
{
    public static WorkbookCell Wrapped(string? text) => new(CellKind.WrappedText, text);

    public static WorkbookCell Plain(string? text) => new(CellKind.Text, text);

    public static WorkbookCell Number(double? value) => new(CellKind.Number, Value: value);

    public static WorkbookCell WholePercent(double? fraction) => new(CellKind.WholePercent, Value: fraction);

    public static WorkbookCell Percent(double? fraction) => new(CellKind.Percent, Value: fraction);
}

/// <param name="Width">In Excel's character units; a Chinese character takes about two.</param>
public sealed record WorkbookColumn(string Header, double Width);

/// <summary>
/// One sheet: an optional title (merged over the columns) and line under it, a bold header row,
/// the data rows in the order given, and an optional bold totals row that the filter leaves out.
/// </summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<WorkbookColumn> Columns, IEnumerable<IReadOnlyList<WorkbookCell>> Rows)
{
    public string? Title { get; init; }

    /// <summary>A plain line under the title (who exported it and when); only shown with a title.</summary>
    public string? Subtitle { get; init; }

    public IReadOnlyList<WorkbookCell>? Totals { get; init; }
}
