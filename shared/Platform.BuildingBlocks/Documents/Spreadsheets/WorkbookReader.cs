using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.BuildingBlocks.Text;

namespace Platform.BuildingBlocks.Documents.Spreadsheets;

/// <summary>
/// Reads the first sheet of an uploaded .xlsx workbook as rows of text, in the shape <see cref="CsvRows"/>
/// gives a CSV file, so one importer takes either: the row number is the sheet's own, so a problem
/// reported "line 7" is the row the user sees as 7 in Excel. Call <c>UploadCheck</c> on the file first.
/// </summary>
public static class WorkbookReader
{
    /// <summary>Rows beyond this are not read: an import is a list of people or units, not a data dump.</summary>
    public const int MaxRows = 200_000;

    /// <exception cref="InvalidDataException">The bytes are not a workbook with a sheet.</exception>
    public static IReadOnlyList<CsvRow> ReadFirstSheet(ReadOnlySpan<byte> content)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            throw new InvalidDataException("the file is not an Excel workbook (.xlsx)", e);
        }
        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("the workbook has no sheets");
            var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new InvalidDataException("the workbook has no sheets");
            if (first.Id?.Value is not { } relationId || workbook.GetPartById(relationId) is not WorksheetPart sheetPart)
            {
                throw new InvalidDataException("the workbook's first sheet is missing");
            }
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var rows = new List<CsvRow>();
            foreach (var row in sheetPart.Worksheet.Descendants<Row>())
            {
                if (rows.Count >= MaxRows)
                {
                    throw new InvalidDataException($"the sheet has more than {MaxRows} rows");
                }
                var fields = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? fields.Count;
                    while (fields.Count < column)
                    {
                        fields.Add(string.Empty);
                    }
                    fields.Add(CellText(cell, shared));
                }
                var line = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : rows.Count + 1;
                rows.Add(new CsvRow(line, fields, null));
            }
            return rows;
        }
    }

    private static string CellText(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }
        var value = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(value, out var i) && i >= 0 && i < shared.Length ? shared[i] : string.Empty;
        }
        return value;
    }

    /// <summary>"C7" → 2; null when the reference is missing or malformed (the cell is then placed after the previous one).</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
                letters++;
            }
            else
            {
                break;
            }
        }
        // Excel stops at XFD (16 384 columns); anything longer is not a reference Excel wrote.
        return letters is 0 or > 3 ? null : column - 1;
    }
}
