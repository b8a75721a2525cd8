using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.BuildingBlocks.Documents.Spreadsheets;

/// <summary>
/// Streams one worksheet row by row with <see cref="OpenXmlWriter"/>, so memory does not grow with
/// the number of rows. Call <see cref="BeginRow"/>, the cell methods, <see cref="EndRow"/>, and
/// finally <see cref="Finish"/>; the parts of a worksheet must come in the schema's order.
/// </summary>
internal sealed class SheetStreamWriter : IDisposable
{
    private readonly OpenXmlWriter _writer;
    private readonly SharedStringTableBuilder _strings;
    private uint _row;
    private int _column;
    private bool _inRow;

    /// <param name="frozenRows">Rows kept in view while scrolling (the title and the header).</param>
    /// <param name="columnWidths">In Excel's character units; a Chinese character takes about two.</param>
    public SheetStreamWriter(
        WorksheetPart part, SharedStringTableBuilder strings, bool selected, uint frozenRows, IReadOnlyList<double> columnWidths)
    {
        _strings = strings;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        // Fit to the page width when printed: the task table is wider than a portrait page.
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        var firstScrolling = $"A{frozenRows + 1}";
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = frozenRows,
                TopLeftCell = firstScrolling,
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = firstScrolling, SequenceOfReferences = new ListValue<StringValue>([firstScrolling]) })
        {
            TabSelected = selected ? true : null,
            WorkbookViewId = 0,
        }));
        _writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 14.25 });
        var columns = new Columns();
        for (var i = 0; i < columnWidths.Count; i++)
        {
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = columnWidths[i], CustomWidth = true });
        }

        _writer.WriteElement(columns);
        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>The 1-based index of the row last begun.</summary>
    public uint CurrentRow => _row;

    public void BeginRow(double? height = null)
    {
        if (_inRow)
        {
            throw new InvalidOperationException("The previous row is not ended.");
        }

        _row++;
        _column = 0;
        _inRow = true;
        var row = new Row { RowIndex = _row };
        if (height is { } h)
        {
            row.Height = h;
            row.CustomHeight = true;
        }

        _writer.WriteStartElement(row);
    }

    public void EndRow()
    {
        _writer.WriteEndElement();
        _inRow = false;
    }

    /// <summary>A text cell; empty text gives a styled blank cell rather than an empty string.</summary>
    public void Text(string? text, uint style)
    {
        var cleaned = CellText.Clean(text);
        if (cleaned.Length == 0)
        {
            Blank(style);
            return;
        }

        _writer.WriteElement(new Cell
        {
            CellReference = NextReference(),
            DataType = CellValues.SharedString,
            StyleIndex = style,
            CellValue = new CellValue(_strings.IndexOf(cleaned).ToString(CultureInfo.InvariantCulture)),
        });
    }

    /// <summary>A numeric cell; NaN and infinities, which a cell cannot hold, are left blank.</summary>
    public void Number(double value, uint style)
    {
        if (!double.IsFinite(value))
        {
            Blank(style);
            return;
        }

        _writer.WriteElement(new Cell
        {
            CellReference = NextReference(),
            StyleIndex = style,
            CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)),
        });
    }

    public void Blank(uint style) =>
        _writer.WriteElement(new Cell { CellReference = NextReference(), StyleIndex = style });

    /// <summary>Closes the sheet data and writes what follows it in the schema's order.</summary>
    /// <param name="autoFilter">The header row and the data rows under it, e.g. "A3:J50"; null for none.</param>
    public void Finish(string? autoFilter, IReadOnlyList<string> mergedRanges)
    {
        _writer.WriteEndElement();
        if (autoFilter is not null)
        {
            _writer.WriteElement(new AutoFilter { Reference = autoFilter });
        }

        if (mergedRanges.Count > 0)
        {
            var merges = new MergeCells { Count = (uint)mergedRanges.Count };
            foreach (var range in mergedRanges)
            {
                merges.Append(new MergeCell { Reference = range });
            }

            _writer.WriteElement(merges);
        }

        _writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        // A4 landscape, one page wide and as many pages tall as needed.
        _writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        _writer.WriteEndElement();
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>"A", "B", ..., "Z", "AA": the column letters of a 1-based column number.</summary>
    internal static string ColumnName(int column)
    {
        var name = string.Empty;
        while (column > 0)
        {
            var remainder = (column - 1) % 26;
            name = (char)('A' + remainder) + name;
            column = (column - 1) / 26;
        }

        return name;
    }

    private string NextReference()
    {
        if (!_inRow)
        {
            throw new InvalidOperationException("A cell must be written inside a row.");
        }

        _column++;
        return ColumnName(_column) + _row.ToString(CultureInfo.InvariantCulture);
    }
}
