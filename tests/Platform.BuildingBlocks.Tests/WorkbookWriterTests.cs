using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Platform.BuildingBlocks.Documents.Spreadsheets;

namespace Platform.BuildingBlocks.Tests;

public sealed class WorkbookWriterTests
{
    private static readonly WorkbookColumn[] Columns = [new("序号", 6), new("问题", 30), new("办结率", 10)];

    private static WorkbookSheet Ledger(params WorkbookCell[][] rows) => new("整改台账", Columns, rows) { Title = "某局整改台账" };

    [Fact]
    public void A_single_sheet_gets_widths_a_bold_shaded_header_and_a_merged_title()
    {
        using var document = Open(WorkbookWriter.ToBytes([Ledger([WorkbookCell.Number(1), WorkbookCell.Wrapped("问题一"), WorkbookCell.Percent(0.5)])]));
        var sheet = OnlySheet(document);

        Assert.Equal([6d, 30d, 10d], sheet.Descendants<Column>().Select(c => c.Width!.Value));
        Assert.Equal("A1:C1", sheet.Descendants<MergeCell>().Single().Reference!.Value);
        Assert.Equal(["某局整改台账", "", ""], RowValues(document, sheet, 1));
        Assert.Equal(["序号", "问题", "办结率"], RowValues(document, sheet, 2));
        Assert.All(Row(sheet, 2).Elements<Cell>(), cell =>
        {
            var format = Format(document, cell);
            Assert.NotNull(Font(document, format).Bold);
            Assert.NotEqual(0u, format.FillId!.Value);
        });
        Assert.True(Format(document, Cell(sheet, "B3")).Alignment!.WrapText!.Value);
        Assert.Equal("宋体", Font(document, Format(document, Cell(sheet, "B3"))).GetFirstChild<FontName>()!.Val!.Value);
        Assert.Equal("A2:C3", sheet.Elements<AutoFilter>().Single().Reference!.Value);
        Assert.Equal("A3", sheet.Descendants<Pane>().Single().TopLeftCell!.Value);
    }

    [Fact]
    public void Sheets_print_a4_landscape_one_page_wide_repeating_the_header()
    {
        using var document = Open(WorkbookWriter.ToBytes([Ledger()]));

        var setup = OnlySheet(document).Elements<PageSetup>().Single();
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(9u, setup.PaperSize!.Value);
        Assert.Equal((1u, 0u), (setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.Contains(document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>(),
            n => n.Name == "_xlnm.Print_Titles" && n.Text == "'整改台账'!$2:$2");
    }

    [Fact]
    public void Totals_are_bold_and_left_out_of_the_filter()
    {
        var sheet = new WorkbookSheet("统计", Columns, [[WorkbookCell.Number(1), WorkbookCell.Wrapped("甲"), WorkbookCell.Percent(0.25)]])
        {
            Totals = [WorkbookCell.Plain("合计"), WorkbookCell.Plain(""), WorkbookCell.Percent(0.25)],
        };
        using var document = Open(WorkbookWriter.ToBytes([sheet]));
        var written = OnlySheet(document);

        Assert.Equal("A1:C2", written.Elements<AutoFilter>().Single().Reference!.Value);
        Assert.Equal(["合计", "", "0.25"], RowValues(document, written, 3));
        Assert.All(Row(written, 3).Elements<Cell>(), cell => Assert.NotNull(Font(document, Format(document, cell)).Bold));
        Assert.Equal(164u, Format(document, Cell(written, "C3")).NumberFormatId!.Value);
    }

    [Fact]
    public void Blank_numbers_stay_blank_and_text_is_cleaned()
    {
        using var document = Open(WorkbookWriter.ToBytes([Ledger([WorkbookCell.Number(null), WorkbookCell.Wrapped("甲\u0001乙\r\n丙"), WorkbookCell.Percent(double.NaN)])]));
        var sheet = OnlySheet(document);

        Assert.Null(Cell(sheet, "A3").CellValue);
        Assert.Equal("甲乙\n丙", Text(document, Cell(sheet, "B3")));
        Assert.Null(Cell(sheet, "C3").CellValue);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void A_row_wider_than_the_columns_is_refused()
    {
        var wide = Ledger([WorkbookCell.Number(1), WorkbookCell.Plain("a"), WorkbookCell.Plain("b"), WorkbookCell.Plain("c")]);

        Assert.Throws<ArgumentException>(() => WorkbookWriter.ToBytes([wide]));
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    private static Worksheet OnlySheet(SpreadsheetDocument document) => document.WorkbookPart!.WorksheetParts.Single().Worksheet;

    private static Row Row(Worksheet sheet, uint index) => sheet.Descendants<Row>().Single(r => r.RowIndex! == index);

    private static Cell Cell(Worksheet sheet, string reference) => sheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    private static string[] RowValues(SpreadsheetDocument document, Worksheet sheet, uint index) =>
        [.. Row(sheet, index).Elements<Cell>().Select(c => Text(document, c))];

    private static string Text(SpreadsheetDocument document, Cell cell)
    {
        var value = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value == CellValues.SharedString
            ? document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>()
                .ElementAt(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).InnerText
            : value;
    }

    private static CellFormat Format(SpreadsheetDocument document, Cell cell) =>
        document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    private static Font Font(SpreadsheetDocument document, CellFormat format) =>
        document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)(format.FontId?.Value ?? 0));
}
