using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.Rectification.Module.Features.Ledger;

/// <summary>
/// Writes the ledger (整改台账) as one sheet: a title row, a header row in Chinese and one row per
/// item. Rows are streamed with the SAX writer and inline strings, so a large ledger never sits
/// in memory as a DOM.
/// </summary>
internal static class LedgerWorkbookWriter
{
    public static readonly string[] Headers =
    [
        "序号", "问题", "问题描述", "问题类别", "严重程度", "督察任务", "责任单位", "责任人", "整改措施", "整改期限", "原定期限",
        "整改状态", "是否逾期", "退回次数", "重新整改次数", "延期次数", "督促问责", "最新进展", "整改完成情况", "销号日期",
    ];

    public static void Write(Stream output, string title, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            uint rowIndex = 1;
            WriteRow(writer, rowIndex++, [title]);
            WriteRow(writer, rowIndex++, Headers);
            foreach (var row in rows)
            {
                WriteRow(writer, rowIndex++, row);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet
        {
            Id = workbookPart.GetIdOfPart(sheetPart),
            SheetId = 1,
            Name = "整改台账",
        }));
        workbookPart.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowIndex, IReadOnlyList<string> cells)
    {
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        for (var column = 0; column < cells.Count; column++)
        {
            var cell = new Cell
            {
                CellReference = ColumnName(column) + rowIndex,
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(Sanitize(cells[column])) { Space = SpaceProcessingModeValues.Preserve }),
            };
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    /// <summary>Excel keeps at most 32,767 characters in a cell and rejects XML control characters.</summary>
    private static string Sanitize(string text)
    {
        var clean = new string([.. text.Where(c => c is '\t' or '\n' or '\r' || c >= ' ')]);
        return clean.Length <= 32767 ? clean : clean[..32767];
    }
}
