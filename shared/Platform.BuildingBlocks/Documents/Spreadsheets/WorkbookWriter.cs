using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.BuildingBlocks.Documents.Spreadsheets;

/// <summary>
/// Writes every .xlsx the platform hands out, so they all print alike: 宋体 with the Chinese
/// charset, column widths, a bold shaded header frozen in view and repeated on each printed page,
/// an auto-filter, wrapped text, and A4 landscape one page wide. Rows are streamed with
/// <see cref="OpenXmlWriter"/> instead of built as a DOM, so memory stays near the size of the file.
/// </summary>
public static class WorkbookWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the workbook to <paramref name="output"/>, which is left open.</summary>
    /// <remarks>
    /// The zip package needs a readable, seekable stream; any other writable stream (an HTTP
    /// response body) gets the finished file copied into it.
    /// </remarks>
    public static void Write(IReadOnlyList<WorkbookSheet> sheets, Stream output)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        if (output is { CanRead: true, CanSeek: true })
        {
            WritePackage(sheets, output);
            return;
        }

        using var buffer = new MemoryStream();
        WritePackage(sheets, buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    public static byte[] ToBytes(IReadOnlyList<WorkbookSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var buffer = new MemoryStream();
        WritePackage(sheets, buffer);
        return buffer.ToArray();
    }

    private static void WritePackage(IReadOnlyList<WorkbookSheet> sheets, Stream output)
    {
        if (sheets.Count == 0)
        {
            throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        }

        // Every part is streamed by OpenXmlWriter below; there is no DOM for the SDK to save.
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook, autoSave: false);
        var workbookPart = document.AddWorkbookPart();
        var strings = new SharedStringTableBuilder();

        // Fixed relationship ids rather than random ones: the same data gives the same workbook XML.
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
        WriteRoot(stylesPart, WorkbookStyles.Build());

        var sheetList = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            var part = workbookPart.AddNewPart<WorksheetPart>($"rId{i + 1}");
            var (filter, headerRow) = WriteSheet(part, sheet, strings, selected: i == 0);
            sheetList.Append(new Sheet { Name = sheet.Name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(part) });
            // Excel keeps these two names itself; writing them makes the filter and the repeated
            // header on printed pages behave as in a workbook Excel saved.
            names.Append(new DefinedName($"'{sheet.Name}'!{Absolute(filter)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            names.Append(new DefinedName($"'{sheet.Name}'!${headerRow}:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
        }

        strings.WriteTo(workbookPart.AddNewPart<SharedStringTablePart>("rIdStrings"));
        WriteRoot(workbookPart, new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheetList, names));
    }

    /// <summary>Returns the auto-filter range (the header and the data rows) and the header's row.</summary>
    private static (string Filter, uint HeaderRow) WriteSheet(WorksheetPart part, WorkbookSheet model, SharedStringTableBuilder strings, bool selected)
    {
        var columns = model.Columns;
        if (columns.Count == 0)
        {
            throw new ArgumentException($"Sheet {model.Name} has no columns.", nameof(model));
        }

        var titleRows = model.Title is null ? 0u : model.Subtitle is null ? 1u : 2u;
        using var sheet = new SheetStreamWriter(part, strings, selected, frozenRows: titleRows + 1, [.. columns.Select(c => c.Width)]);
        var lastColumn = SheetStreamWriter.ColumnName(columns.Count);
        var merged = new List<string>();

        if (model.Title is not null)
        {
            sheet.BeginRow(height: 30);
            sheet.Text(model.Title, WorkbookStyles.Title);
            for (var i = 1; i < columns.Count; i++)
            {
                sheet.Blank(WorkbookStyles.Title);
            }

            sheet.EndRow();
            merged.Add($"A1:{lastColumn}1");
            if (model.Subtitle is not null)
            {
                sheet.BeginRow();
                sheet.Text(model.Subtitle, WorkbookStyles.Default);
                sheet.EndRow();
            }
        }

        sheet.BeginRow();
        foreach (var column in columns)
        {
            sheet.Text(column.Header, WorkbookStyles.Header);
        }

        sheet.EndRow();
        var headerRow = sheet.CurrentRow;

        foreach (var row in model.Rows)
        {
            WriteRow(sheet, row, columns.Count, total: false);
        }

        // The filter covers the data, not the totals, so sorting keeps 合计 at the bottom.
        var filter = $"A{headerRow}:{lastColumn}{sheet.CurrentRow}";
        if (model.Totals is { } totals)
        {
            WriteRow(sheet, totals, columns.Count, total: true);
        }

        sheet.Finish(filter, merged);
        return (filter, headerRow);
    }

    private static void WriteRow(SheetStreamWriter sheet, IReadOnlyList<WorkbookCell> cells, int columnCount, bool total)
    {
        if (cells.Count > columnCount)
        {
            throw new ArgumentException($"A row has {cells.Count} cells for {columnCount} columns.", nameof(cells));
        }

        sheet.BeginRow();
        foreach (var cell in cells)
        {
            var style = Style(cell.Kind, total);
            if (cell.Kind is CellKind.Text or CellKind.WrappedText)
            {
                sheet.Text(cell.Text, style);
            }
            else if (cell.Value is { } value)
            {
                sheet.Number(value, style);
            }
            else
            {
                sheet.Blank(style);
            }
        }

        sheet.EndRow();
    }

    private static uint Style(CellKind kind, bool total) => (kind, total) switch
    {
        (CellKind.Percent or CellKind.WholePercent, true) => WorkbookStyles.TotalPercent,
        (_, true) => WorkbookStyles.Total,
        (CellKind.Text, _) => WorkbookStyles.Text,
        (CellKind.WrappedText, _) => WorkbookStyles.WrappedText,
        (CellKind.Number, _) => WorkbookStyles.Number,
        (CellKind.WholePercent, _) => WorkbookStyles.WholePercent,
        _ => WorkbookStyles.Percent,
    };

    /// <summary>"A3:J50" as "$A$3:$J$50", the form defined names use.</summary>
    private static string Absolute(string range) =>
        string.Join(':', range.Split(':').Select(cell =>
        {
            var digits = cell.AsSpan().IndexOfAnyInRange('0', '9');
            return $"${cell[..digits]}${cell[digits..]}";
        }));

    private static void WriteRoot(OpenXmlPart part, OpenXmlPartRootElement root)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument();
        writer.WriteElement(root);
    }
}
