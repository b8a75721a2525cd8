using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.Planning.Module.Features.ExportPlan;

/// <summary>
/// Writes a plan's task table and statistics as an .xlsx workbook: sheets 任务清单, 按单位统计,
/// 按部分统计, 指标完成情况 (each target's aggregate) and 单位指标数据 (every unit's figure). Rows are streamed with OpenXmlWriter instead of built as a DOM, so memory stays
/// near the size of the file itself however many units there are.
/// </summary>
public static class PlanWorkbookWriter
{
    public const string TaskSheetName = "任务清单";
    public const string UnitSheetName = "按单位统计";
    public const string ChapterSheetName = "按部分统计";
    public const string TargetSheetName = "指标完成情况";
    public const string UnitFigureSheetName = "单位指标数据";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal static readonly string[] TaskHeaders =
        ["序号", "所属部分", "任务内容", "牵头单位", "配合单位", "完成时限", "报送要求", "状态", "完成进度", "最新进展"];

    internal static readonly string[] StatisticsHeaders =
        ["名称", "交办数", "签收数", "按时报送", "逾期报送", "逾期未报", "已办结", "按时报送率", "办结率"];

    internal static readonly string[] TargetHeaders =
        ["序号", "指标", "要求", "汇总方式", "汇总值", "交办单位数", "已报单位数", "达标单位数", "是否达标"];

    internal static readonly string[] UnitFigureHeaders =
        ["序号", "指标", "单位", "报送值", "是否达标", "最近报送时间", "报送次数"];

    internal const string TotalsLabel = "合计";

    // China has kept UTC+8 without daylight saving since 1991; a fixed offset needs no time zone data on the server.
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private static readonly double[] TaskColumnWidths = [6, 14, 48, 18, 20, 14, 16, 10, 10, 40];
    private static readonly double[] StatisticsColumnWidths = [32, 10, 10, 10, 10, 10, 10, 12, 10];
    private static readonly double[] TargetColumnWidths = [6, 32, 16, 10, 10, 10, 10, 10, 10];
    private static readonly double[] UnitFigureColumnWidths = [6, 32, 28, 10, 10, 18, 10];

    private const uint TaskTitleRows = 2;

    /// <summary>Writes the workbook to <paramref name="output"/>, which is left open.</summary>
    /// <remarks>
    /// The zip package needs a readable, seekable stream; any other writable stream (an HTTP
    /// response body) gets the finished file copied into it.
    /// </remarks>
    public static void Write(PlanWorkbook workbook, Stream output)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        if (output is { CanRead: true, CanSeek: true })
        {
            WritePackage(workbook, output);
            return;
        }

        using var buffer = new MemoryStream();
        WritePackage(workbook, buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    public static byte[] ToBytes(PlanWorkbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        using var buffer = new MemoryStream();
        WritePackage(workbook, buffer);
        return buffer.ToArray();
    }

    private static void WritePackage(PlanWorkbook workbook, Stream output)
    {
        // Every part is streamed by OpenXmlWriter below; there is no DOM for the SDK to save.
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook, autoSave: false);
        var workbookPart = document.AddWorkbookPart();
        var strings = new SharedStringTableBuilder();

        // Fixed relationship ids rather than random ones: the same plan gives the same workbook XML.
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>("rId4");
        WriteRoot(stylesPart, WorkbookStyles.Build());

        var taskPart = workbookPart.AddNewPart<WorksheetPart>("rId1");
        var taskFilter = WriteTaskSheet(taskPart, workbook, strings);
        var unitPart = workbookPart.AddNewPart<WorksheetPart>("rId2");
        var unitFilter = WriteStatisticsSheet(unitPart, workbook.ByUnit, strings);
        var chapterPart = workbookPart.AddNewPart<WorksheetPart>("rId3");
        var chapterFilter = WriteStatisticsSheet(chapterPart, workbook.ByChapter, strings);
        var targetPart = workbookPart.AddNewPart<WorksheetPart>("rId6");
        var targetFilter = WriteTargetSheet(targetPart, workbook.Targets, strings);
        var unitFigurePart = workbookPart.AddNewPart<WorksheetPart>("rId7");
        var unitFigureFilter = WriteUnitFigureSheet(unitFigurePart, workbook.UnitFigures, strings);

        strings.WriteTo(workbookPart.AddNewPart<SharedStringTablePart>("rId5"));

        var sheets = new (string Name, WorksheetPart Part, string Filter, string PrintTitles)[]
        {
            (TaskSheetName, taskPart, taskFilter, $"${TaskTitleRows + 1}:${TaskTitleRows + 1}"),
            (UnitSheetName, unitPart, unitFilter, "$1:$1"),
            (ChapterSheetName, chapterPart, chapterFilter, "$1:$1"),
            (TargetSheetName, targetPart, targetFilter, "$1:$1"),
            (UnitFigureSheetName, unitFigurePart, unitFigureFilter, "$1:$1"),
        };
        var sheetList = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < sheets.Length; i++)
        {
            var (name, part, filter, printTitles) = sheets[i];
            sheetList.Append(new Sheet { Name = name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(part) });
            // Excel keeps these two names itself; writing them makes the filter and the repeated
            // header on printed pages behave as in a workbook Excel saved.
            names.Append(new DefinedName($"'{name}'!{Absolute(filter)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            names.Append(new DefinedName($"'{name}'!{printTitles}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
        }

        WriteRoot(workbookPart, new Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            sheetList,
            names));
    }

    /// <summary>Returns the auto-filter range: the header row and the task rows.</summary>
    private static string WriteTaskSheet(WorksheetPart part, PlanWorkbook workbook, SharedStringTableBuilder strings)
    {
        using var sheet = new SheetStreamWriter(part, strings, selected: true, frozenRows: TaskTitleRows + 1, TaskColumnWidths);
        var lastColumn = SheetStreamWriter.ColumnName(TaskHeaders.Length);

        sheet.BeginRow(height: 30);
        sheet.Text($"{workbook.Year}年 {workbook.Title}", WorkbookStyles.Title);
        for (var i = 1; i < TaskHeaders.Length; i++)
        {
            sheet.Blank(WorkbookStyles.Title);
        }

        sheet.EndRow();

        var exportedAt = workbook.ExportedAt.ToOffset(ChinaStandardTime);
        sheet.BeginRow();
        sheet.Text(
            $"导出单位：{workbook.NodeName}  导出时间：{exportedAt.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)}",
            WorkbookStyles.Default);
        sheet.EndRow();

        WriteHeader(sheet, TaskHeaders);
        var headerRow = sheet.CurrentRow;

        foreach (var task in workbook.Tasks)
        {
            sheet.BeginRow();
            sheet.Number(task.Number, WorkbookStyles.Number);
            sheet.Text(task.Chapter, WorkbookStyles.WrappedText);
            sheet.Text(task.Text, WorkbookStyles.WrappedText);
            sheet.Text(task.LeadUnits, WorkbookStyles.WrappedText);
            sheet.Text(task.CoUnits, WorkbookStyles.WrappedText);
            sheet.Text(task.Deadline, WorkbookStyles.Text);
            sheet.Text(task.ReportingRule, WorkbookStyles.WrappedText);
            sheet.Text(task.Status, WorkbookStyles.Text);
            if (task.PercentComplete is { } percent)
            {
                // Stored as a fraction so the cell is a real percentage Excel can sum and sort.
                sheet.Number(percent / 100d, WorkbookStyles.WholePercent);
            }
            else
            {
                sheet.Blank(WorkbookStyles.WholePercent);
            }

            sheet.Text(task.LatestReport, WorkbookStyles.WrappedText);
            sheet.EndRow();
        }

        var filter = $"A{headerRow}:{lastColumn}{sheet.CurrentRow}";
        sheet.Finish(filter, [$"A1:{lastColumn}1"]);
        return filter;
    }

    /// <summary>Returns the auto-filter range: the header row and the data rows, not the totals.</summary>
    private static string WriteStatisticsSheet(
        WorksheetPart part, IReadOnlyList<PlanWorkbookStatistics> rows, SharedStringTableBuilder strings)
    {
        using var sheet = new SheetStreamWriter(part, strings, selected: false, frozenRows: 1, StatisticsColumnWidths);
        WriteHeader(sheet, StatisticsHeaders);

        long assigned = 0, accepted = 0, onTime = 0, late = 0, overdue = 0, done = 0;
        foreach (var row in rows)
        {
            sheet.BeginRow();
            sheet.Text(row.Name, WorkbookStyles.WrappedText);
            sheet.Number(row.Assigned, WorkbookStyles.Number);
            sheet.Number(row.Accepted, WorkbookStyles.Number);
            sheet.Number(row.ReportedOnTime, WorkbookStyles.Number);
            sheet.Number(row.ReportedLate, WorkbookStyles.Number);
            sheet.Number(row.Overdue, WorkbookStyles.Number);
            sheet.Number(row.Done, WorkbookStyles.Number);
            sheet.Number(row.OnTimeRate, WorkbookStyles.Percent);
            sheet.Number(row.CompletionRate, WorkbookStyles.Percent);
            sheet.EndRow();

            assigned += row.Assigned;
            accepted += row.Accepted;
            onTime += row.ReportedOnTime;
            late += row.ReportedLate;
            overdue += row.Overdue;
            done += row.Done;
        }

        var filter = $"A1:{SheetStreamWriter.ColumnName(StatisticsHeaders.Length)}{sheet.CurrentRow}";

        // Rates of the totals come from the summed counts, as the service defines them; an average
        // of the rows' rates would weigh a unit with one task like one with fifty.
        sheet.BeginRow();
        sheet.Text(TotalsLabel, WorkbookStyles.Total);
        sheet.Number(assigned, WorkbookStyles.Total);
        sheet.Number(accepted, WorkbookStyles.Total);
        sheet.Number(onTime, WorkbookStyles.Total);
        sheet.Number(late, WorkbookStyles.Total);
        sheet.Number(overdue, WorkbookStyles.Total);
        sheet.Number(done, WorkbookStyles.Total);
        sheet.Number(Rate(onTime, onTime + late + overdue), WorkbookStyles.TotalPercent);
        sheet.Number(Rate(done, assigned), WorkbookStyles.TotalPercent);
        sheet.EndRow();

        sheet.Finish(filter, []);
        return filter;
    }

    /// <summary>Returns the auto-filter range: the header row and one row per target.</summary>
    private static string WriteTargetSheet(WorksheetPart part, IReadOnlyList<PlanWorkbookTarget> rows, SharedStringTableBuilder strings) =>
        WriteTableSheet(part, strings, TargetHeaders, TargetColumnWidths, rows, (sheet, row) =>
        {
            sheet.Number(row.TaskNumber, WorkbookStyles.Number);
            sheet.Text(row.Description, WorkbookStyles.WrappedText);
            sheet.Text(row.Requirement, WorkbookStyles.Text);
            sheet.Text(row.Aggregation, WorkbookStyles.Text);
            if (row.AggregateValue is { } value)
            {
                sheet.Number(value, WorkbookStyles.Number);
            }
            else
            {
                sheet.Blank(WorkbookStyles.Number);
            }
            sheet.Number(row.AssignedUnits, WorkbookStyles.Number);
            sheet.Number(row.ReportingUnits, WorkbookStyles.Number);
            sheet.Number(row.UnitsMeeting, WorkbookStyles.Number);
            sheet.Text(YesNo(row.Met), WorkbookStyles.Text);
        });

    /// <summary>Returns the auto-filter range: the header row and one row per unit and target.</summary>
    private static string WriteUnitFigureSheet(WorksheetPart part, IReadOnlyList<PlanWorkbookUnitFigure> rows, SharedStringTableBuilder strings) =>
        WriteTableSheet(part, strings, UnitFigureHeaders, UnitFigureColumnWidths, rows, (sheet, row) =>
        {
            sheet.Number(row.TaskNumber, WorkbookStyles.Number);
            sheet.Text(row.Target, WorkbookStyles.WrappedText);
            sheet.Text(row.UnitName, WorkbookStyles.WrappedText);
            sheet.Number(row.Value, WorkbookStyles.Number);
            sheet.Text(YesNo(row.Met), WorkbookStyles.Text);
            sheet.Text(row.ReportedAt.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), WorkbookStyles.Text);
            sheet.Number(row.Reports, WorkbookStyles.Number);
        });

    /// <summary>A header row, then one row per item; returns the auto-filter range over both.</summary>
    private static string WriteTableSheet<T>(
        WorksheetPart part, SharedStringTableBuilder strings, string[] headers, double[] widths, IEnumerable<T> rows, Action<SheetStreamWriter, T> writeRow)
    {
        using var sheet = new SheetStreamWriter(part, strings, selected: false, frozenRows: 1, widths);
        WriteHeader(sheet, headers);
        foreach (var row in rows)
        {
            sheet.BeginRow();
            writeRow(sheet, row);
            sheet.EndRow();
        }
        var filter = $"A1:{SheetStreamWriter.ColumnName(headers.Length)}{sheet.CurrentRow}";
        sheet.Finish(filter, []);
        return filter;
    }

    private static string YesNo(bool yes) => yes ? "是" : "否";

    private static void WriteHeader(SheetStreamWriter sheet, IReadOnlyList<string> headers)
    {
        sheet.BeginRow();
        foreach (var header in headers)
        {
            sheet.Text(header, WorkbookStyles.Header);
        }

        sheet.EndRow();
    }

    /// <summary>0 when nothing is due or assigned yet, as the service's statistics define it.</summary>
    internal static double Rate(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

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
