using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Platform.Planning.Module.Features.ExportPlan;

namespace Platform.Planning.Tests;

public sealed class PlanWorkbookWriterTests
{
    private static readonly string[] TaskHeaders =
        ["序号", "所属部分", "任务内容", "牵头单位", "配合单位", "完成时限", "报送要求", "状态", "完成进度", "最新进展"];

    private static readonly string[] StatisticsHeaders =
        ["名称", "交办数", "签收数", "按时报送", "逾期报送", "逾期未报", "已办结", "按时报送率", "办结率"];

    // 2025-03-04 16:05 UTC is 2025-03-05 00:05 in Beijing: the date must roll over.
    private static readonly DateTimeOffset ExportedAt = new(2025, 3, 4, 16, 5, 0, TimeSpan.Zero);

    private static PlanWorkbook Sample() => new(
        "法治政府建设工作要点",
        2025,
        "某市司法局",
        ExportedAt,
        [
            new PlanWorkbookTask("一、深入学习贯彻习近平法治思想", 1, "组织开展专题学习", "市司法局", "市委宣传部、市教育局",
                "2025-06-30", "每季度末报送", "进行中", 50, "已完成第一季度学习"),
            new PlanWorkbookTask("二、健全依法行政制度体系", 2, "清理规范性文件\u0001<&>\"'", "市政府办公室", "",
                "2025-12-31", "办结后报送", "未签收", null, ""),
        ],
        [
            new PlanWorkbookStatistics("市司法局", 10, 9, 6, 2, 1, 4, 6 / 9d, 0.4),
            new PlanWorkbookStatistics("市教育局", 1, 1, 1, 0, 0, 1, 1, 1),
        ],
        [
            new PlanWorkbookStatistics("一、深入学习贯彻习近平法治思想", 3, 3, 2, 0, 0, 1, 1, 1 / 3d),
        ],
        [
            new PlanWorkbookTarget(1, "常务会议学法次数", "不少于4次", "每个单位", 3, 2, 2, 1, false),
            new PlanWorkbookTarget(1, "培训人次", "不少于100人次", "合计", null, 2, 0, 0, false),
        ],
        [
            new PlanWorkbookUnitFigure(1, "常务会议学法次数", "市司法局", 4, true, ExportedAt, 2),
            new PlanWorkbookUnitFigure(1, "常务会议学法次数", "市教育局", 3, false, ExportedAt, 1),
        ]);

    private static PlanWorkbook Empty() => new("空计划", 2025, "某县司法局", ExportedAt, [], [], [], [], []);

    [Fact]
    public void Sheets_are_named_in_order()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample()));

        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToArray();

        Assert.Equal(["任务清单", "按单位统计", "按部分统计", "指标完成情况", "单位指标数据"], names);
    }

    [Fact]
    public void Target_sheets_show_each_targets_aggregate_and_every_units_figure()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample()));

        var targets = Sheet(document, "指标完成情况");
        Assert.Equal(["序号", "指标", "要求", "汇总方式", "汇总值", "交办单位数", "已报单位数", "达标单位数", "是否达标"], RowValues(document, targets, 1));
        Assert.Equal(["1", "常务会议学法次数", "不少于4次", "每个单位", "3", "2", "2", "1", "否"], RowValues(document, targets, 2));
        // No unit has reported: the aggregate is left blank, not written as 0.
        Assert.Equal(["1", "培训人次", "不少于100人次", "合计", "", "2", "0", "0", "否"], RowValues(document, targets, 3));

        var figures = Sheet(document, "单位指标数据");
        Assert.Equal(["序号", "指标", "单位", "报送值", "是否达标", "最近报送时间", "报送次数"], RowValues(document, figures, 1));
        Assert.Equal(["1", "常务会议学法次数", "市司法局", "4", "是", "2025-03-05 00:05", "2"], RowValues(document, figures, 2));
        Assert.Equal(["1", "常务会议学法次数", "市教育局", "3", "否", "2025-03-05 00:05", "1"], RowValues(document, figures, 3));
    }

    [Fact]
    public void Task_sheet_has_title_export_line_and_bold_header()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample()));
        var sheet = Sheet(document, "任务清单");

        Assert.Equal("2025年法治政府建设工作要点", Value(document, sheet, "A1"));
        Assert.Contains(sheet.Descendants<MergeCell>(), m => m.Reference == "A1:J1");
        Assert.Equal("导出单位：某市司法局  导出时间：2025年3月5日 00:05", Value(document, sheet, "A2"));
        Assert.Equal(TaskHeaders, RowValues(document, sheet, 3));
        Assert.All(Row(sheet, 3).Elements<Cell>(), cell => Assert.True(IsBold(document, cell)));
    }

    [Fact]
    public void A_title_that_begins_with_its_year_does_not_get_it_twice()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample() with { Title = "2025年法治政府建设工作要点" }));

        Assert.Equal("2025年法治政府建设工作要点", Value(document, Sheet(document, "任务清单"), "A1"));
        Assert.Equal("2026年2025年工作要点回顾", PlanWorkbookWriter.TitleWithYear("2025年工作要点回顾", 2026));
    }

    [Fact]
    public void Sheets_print_landscape_one_page_wide_with_the_header_repeated()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample()));

        foreach (var name in new[] { "任务清单", "按单位统计", "按部分统计" })
        {
            var setup = Sheet(document, name).Elements<PageSetup>().Single();
            Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
            Assert.Equal(1u, setup.FitToWidth!.Value);
        }

        var printTitles = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>()
            .Where(n => n.Name == "_xlnm.Print_Titles").Select(n => n.Text).ToArray();
        Assert.Equal(["'任务清单'!$3:$3", "'按单位统计'!$1:$1", "'按部分统计'!$1:$1", "'指标完成情况'!$1:$1", "'单位指标数据'!$1:$1"], printTitles);
    }

    [Fact]
    public void Task_sheet_freezes_the_header_and_filters_on_it()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample()));
        var sheet = Sheet(document, "任务清单");

        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(3d, pane.VerticalSplit!.Value);
        Assert.Equal("A4", pane.TopLeftCell!.Value);
        Assert.Equal("A3:J5", sheet.Elements<AutoFilter>().Single().Reference!.Value);
        Assert.Equal(10, sheet.Descendants<Column>().Count());
    }

    [Fact]
    public void Task_rows_hold_text_numbers_and_percentages()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample()));
        var sheet = Sheet(document, "任务清单");

        Assert.Equal(
            ["1", "一、深入学习贯彻习近平法治思想", "组织开展专题学习", "市司法局", "市委宣传部、市教育局", "2025-06-30", "每季度末报送", "进行中", "0.5", "已完成第一季度学习"],
            RowValues(document, sheet, 4));

        var number = CellAt(sheet, "A4");
        Assert.True(number.DataType is null || number.DataType.Value == CellValues.Number);
        var percent = CellAt(sheet, "I4");
        Assert.True(percent.DataType is null || percent.DataType.Value == CellValues.Number);
        Assert.Equal("0%", NumberFormat(document, percent));
        Assert.True(Format(document, CellAt(sheet, "C4")).Alignment!.WrapText!.Value);

        // No progress reported yet: the cell is blank, not 0%.
        Assert.Null(CellAt(sheet, "I5").CellValue);
        Assert.Equal("", Value(document, sheet, "E5"));
    }

    [Fact]
    public void Control_characters_are_dropped_and_markup_survives()
    {
        var bytes = PlanWorkbookWriter.ToBytes(Sample());
        using var document = Open(bytes);
        var sheet = Sheet(document, "任务清单");

        Assert.Equal("清理规范性文件<&>\"'", Value(document, sheet, "C5"));
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Text_that_looks_like_an_excel_escape_stays_literal()
    {
        var workbook = Sample() with
        {
            Tasks = [new PlanWorkbookTask("", 1, "编号_x0041_\r\n第二行\ud800", "", "", "", "", "", null, "")],
        };
        using var document = Open(PlanWorkbookWriter.ToBytes(workbook));

        // Excel decodes _x005F_ back to "_", so a clerk sees "编号_x0041_".
        Assert.Equal("编号_x005F_x0041_\n第二行", Value(document, Sheet(document, "任务清单"), "C4"));
    }

    [Fact]
    public void Statistics_sheets_have_rows_and_totals_from_sums()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample()));
        var sheet = Sheet(document, "按单位统计");

        Assert.Equal(StatisticsHeaders, RowValues(document, sheet, 1));
        Assert.All(Row(sheet, 1).Elements<Cell>(), cell => Assert.True(IsBold(document, cell)));
        Assert.Equal("市司法局", Value(document, sheet, "A2"));
        Assert.Equal("10", Value(document, sheet, "B2"));
        Assert.Equal(6 / 9d, double.Parse(Value(document, sheet, "H2"), System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal("0.0%", NumberFormat(document, CellAt(sheet, "H2")));

        var totals = RowValues(document, sheet, 4);
        Assert.Equal(["合计", "11", "10", "7", "2", "1", "5"], totals.Take(7));
        // 7 / (7 + 2 + 1) = 0.7 from the sums, where the average of the rows' rates would be 0.833.
        Assert.Equal(0.7, double.Parse(totals[7], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(5 / 11d, double.Parse(totals[8], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.All(Row(sheet, 4).Elements<Cell>(), cell => Assert.True(IsBold(document, cell)));
        Assert.Equal("0.0%", NumberFormat(document, CellAt(sheet, "I4")));
        // The filter covers the units, not the totals, so sorting keeps 合计 at the bottom.
        Assert.Equal("A1:I3", sheet.Elements<AutoFilter>().Single().Reference!.Value);

        var chapters = Sheet(document, "按部分统计");
        Assert.Equal("一、深入学习贯彻习近平法治思想", Value(document, chapters, "A2"));
        Assert.Equal("合计", Value(document, chapters, "A3"));
    }

    [Fact]
    public void Empty_lists_give_header_only_sheets_with_zero_totals()
    {
        var bytes = PlanWorkbookWriter.ToBytes(Empty());
        using var document = Open(bytes);

        var tasks = Sheet(document, "任务清单");
        Assert.Equal(3, tasks.Descendants<Row>().Count());
        Assert.Equal(TaskHeaders, RowValues(document, tasks, 3));

        foreach (var name in new[] { "按单位统计", "按部分统计" })
        {
            var sheet = Sheet(document, name);
            Assert.Equal(2, sheet.Descendants<Row>().Count());
            Assert.Equal(StatisticsHeaders, RowValues(document, sheet, 1));
            Assert.Equal(["合计", "0", "0", "0", "0", "0", "0", "0", "0"], RowValues(document, sheet, 2));
        }

        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Sample_workbook_passes_the_validator()
    {
        using var document = Open(PlanWorkbookWriter.ToBytes(Sample()));

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}");

        Assert.Empty(errors);
    }

    [Fact]
    public void Two_thousand_statistic_rows_make_a_valid_workbook()
    {
        var units = Enumerable.Range(1, 2000)
            .Select(i => new PlanWorkbookStatistics($"第{i}单位", 40, 40, 30, 5, 5, 20, 0.75, 0.5))
            .ToArray();
        var tasks = Enumerable.Range(1, 40)
            .Select(i => new PlanWorkbookTask("一、总体要求", i, $"任务{i}", "市司法局", "各区县政府", "2025-12-31", "每月报送", "进行中", i, "进展"))
            .ToArray();
        var workbook = Sample() with { Tasks = tasks, ByUnit = units };

        using var document = Open(PlanWorkbookWriter.ToBytes(workbook));

        var sheet = Sheet(document, "按单位统计");
        Assert.Equal(2002, sheet.Descendants<Row>().Count());
        Assert.Equal("第2000单位", Value(document, sheet, "A2001"));
        Assert.Equal(["合计", "80000", "80000", "60000", "10000", "10000", "40000", "0.75", "0.5"], RowValues(document, sheet, 2002));
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Writes_to_a_stream_that_cannot_seek_and_leaves_it_open()
    {
        using var inner = new MemoryStream();
        using var output = new ForwardOnlyStream(inner);

        PlanWorkbookWriter.Write(Sample(), output);

        Assert.True(inner.CanWrite);
        using var document = Open(inner.ToArray());
        Assert.Equal("2025年法治政府建设工作要点", Value(document, Sheet(document, "任务清单"), "A1"));
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    private static Worksheet Sheet(SpreadsheetDocument document, string name)
    {
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    private static Row Row(Worksheet sheet, uint index) =>
        sheet.Descendants<Row>().Single(r => r.RowIndex! == index);

    private static Cell CellAt(Worksheet sheet, string reference) =>
        sheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    private static string[] RowValues(SpreadsheetDocument document, Worksheet sheet, uint index) =>
        Row(sheet, index).Elements<Cell>().Select(c => Text(document, c)).ToArray();

    private static string Value(SpreadsheetDocument document, Worksheet sheet, string reference) =>
        Text(document, CellAt(sheet, reference));

    private static string Text(SpreadsheetDocument document, Cell cell)
    {
        var value = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            var table = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable;
            return table.Elements<SharedStringItem>().ElementAt(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).InnerText;
        }

        return value;
    }

    private static CellFormat Format(SpreadsheetDocument document, Cell cell) =>
        document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>()
            .ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    private static bool IsBold(SpreadsheetDocument document, Cell cell)
    {
        var fontId = (int)(Format(document, cell).FontId?.Value ?? 0);
        var font = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt(fontId);
        return font.Bold is not null && (font.Bold.Val is null || font.Bold.Val.Value);
    }

    private static string NumberFormat(SpreadsheetDocument document, Cell cell)
    {
        var id = Format(document, cell).NumberFormatId?.Value ?? 0;
        if (id == 9)
        {
            return "0%"; // built in
        }

        var custom = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats?
            .Elements<NumberingFormat>().SingleOrDefault(f => f.NumberFormatId?.Value == id);
        return custom?.FormatCode?.Value ?? $"built-in {id}";
    }

    /// <summary>Like an HTTP response body: write-only, no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
