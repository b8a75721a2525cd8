using System.Globalization;
using Platform.BuildingBlocks.Documents.Spreadsheets;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Planning.Module.Features.ExportPlan;

/// <summary>
/// A plan's task table and statistics as sheets 任务清单, 按单位统计, 按部分统计, 指标完成情况 (each
/// target's aggregate) and 单位指标数据 (every unit's figure), written by the platform's one
/// <see cref="WorkbookWriter"/>.
/// </summary>
public static class PlanWorkbookWriter
{
    public const string TaskSheetName = "任务清单";
    public const string UnitSheetName = "按单位统计";
    public const string ChapterSheetName = "按部分统计";
    public const string TargetSheetName = "指标完成情况";
    public const string UnitFigureSheetName = "单位指标数据";

    public const string ContentType = WorkbookWriter.ContentType;

    internal const string TotalsLabel = "合计";

    private static readonly WorkbookColumn[] TaskColumns =
    [
        new("序号", 6), new("所属部分", 14), new("任务内容", 48), new("牵头单位", 18), new("配合单位", 20),
        new("完成时限", 14), new("报送要求", 16), new("状态", 10), new("完成进度", 10), new("最新进展", 40),
    ];

    private static readonly WorkbookColumn[] TargetColumns =
    [
        new("序号", 6), new("指标", 32), new("要求", 16), new("汇总方式", 10), new("汇总值", 10),
        new("交办单位数", 10), new("已报单位数", 10), new("达标单位数", 10), new("是否达标", 10),
    ];

    private static readonly WorkbookColumn[] UnitFigureColumns =
    [
        new("序号", 6), new("指标", 32), new("单位", 28), new("报送值", 10), new("是否达标", 10),
        new("最近报送时间", 18), new("报送次数", 10),
    ];

    private static readonly WorkbookColumn[] StatisticsColumns =
    [
        new("名称", 32), new("交办数", 10), new("签收数", 10), new("按时报送", 10), new("逾期报送", 10),
        new("逾期未报", 10), new("已办结", 10), new("按时报送率", 12), new("办结率", 10),
    ];

    /// <summary>The plan's title with its year in front, once: most titles already begin with it (2026年…).</summary>
    public static string TitleWithYear(string title, int year)
    {
        var prefix = year.ToString(CultureInfo.InvariantCulture) + "年";
        return title.StartsWith(prefix, StringComparison.Ordinal) ? title : prefix + title;
    }

    /// <summary>Writes the workbook to <paramref name="output"/>, which is left open.</summary>
    public static void Write(PlanWorkbook workbook, Stream output)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        WorkbookWriter.Write(Sheets(workbook), output);
    }

    public static byte[] ToBytes(PlanWorkbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        return WorkbookWriter.ToBytes(Sheets(workbook));
    }

    private static WorkbookSheet[] Sheets(PlanWorkbook workbook)
    {
        var exportedAt = workbook.ExportedAt.ToOffset(ChinaTime.Offset);
        var tasks = new WorkbookSheet(TaskSheetName, TaskColumns, workbook.Tasks.Select(TaskRow))
        {
            Title = TitleWithYear(workbook.Title, workbook.Year),
            Subtitle = $"导出单位：{workbook.NodeName}  导出时间：{exportedAt.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)}",
        };
        return
        [
            tasks,
            Statistics(UnitSheetName, workbook.ByUnit),
            Statistics(ChapterSheetName, workbook.ByChapter),
            new WorkbookSheet(TargetSheetName, TargetColumns, workbook.Targets.Select(TargetRow)),
            new WorkbookSheet(UnitFigureSheetName, UnitFigureColumns, workbook.UnitFigures.Select(UnitFigureRow)),
        ];
    }

    private static WorkbookCell[] TaskRow(PlanWorkbookTask task) =>
    [
        WorkbookCell.Number(task.Number),
        WorkbookCell.Wrapped(task.Chapter),
        WorkbookCell.Wrapped(task.Text),
        WorkbookCell.Wrapped(task.LeadUnits),
        WorkbookCell.Wrapped(task.CoUnits),
        WorkbookCell.Plain(task.Deadline),
        WorkbookCell.Wrapped(task.ReportingRule),
        WorkbookCell.Plain(task.Status),
        // Stored as a fraction so the cell is a real percentage Excel can sum and sort; blank until reported.
        WorkbookCell.WholePercent(task.PercentComplete / 100d),
        WorkbookCell.Wrapped(task.LatestReport),
    ];

    private static WorkbookSheet Statistics(string name, IReadOnlyList<PlanWorkbookStatistics> rows)
    {
        long Sum(Func<PlanWorkbookStatistics, int> count) => rows.Sum(r => (long)count(r));
        long assigned = Sum(r => r.Assigned), onTime = Sum(r => r.ReportedOnTime), late = Sum(r => r.ReportedLate),
            overdue = Sum(r => r.Overdue), done = Sum(r => r.Done);

        // Rates of the totals come from the summed counts, as the service defines them; an average
        // of the rows' rates would weigh a unit with one task like one with fifty.
        WorkbookCell[] totals =
        [
            WorkbookCell.Plain(TotalsLabel),
            WorkbookCell.Number(assigned), WorkbookCell.Number(Sum(r => r.Accepted)), WorkbookCell.Number(onTime),
            WorkbookCell.Number(late), WorkbookCell.Number(overdue), WorkbookCell.Number(done),
            WorkbookCell.Percent(Rate(onTime, onTime + late + overdue)), WorkbookCell.Percent(Rate(done, assigned)),
        ];
        return new WorkbookSheet(name, StatisticsColumns, rows.Select(StatisticsRow)) { Totals = totals };
    }

    private static WorkbookCell[] TargetRow(PlanWorkbookTarget row) =>
    [
        WorkbookCell.Number(row.TaskNumber),
        WorkbookCell.Wrapped(row.Description),
        WorkbookCell.Plain(row.Requirement),
        WorkbookCell.Plain(row.Aggregation),
        WorkbookCell.Number(row.AggregateValue),
        WorkbookCell.Number(row.AssignedUnits), WorkbookCell.Number(row.ReportingUnits), WorkbookCell.Number(row.UnitsMeeting),
        WorkbookCell.Plain(YesNo(row.Met)),
    ];

    private static WorkbookCell[] UnitFigureRow(PlanWorkbookUnitFigure row) =>
    [
        WorkbookCell.Number(row.TaskNumber),
        WorkbookCell.Wrapped(row.Target),
        WorkbookCell.Wrapped(row.UnitName),
        WorkbookCell.Number(row.Value),
        WorkbookCell.Plain(YesNo(row.Met)),
        WorkbookCell.Plain(row.ReportedAt.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        WorkbookCell.Number(row.Reports),
    ];

    private static string YesNo(bool yes) => yes ? "是" : "否";

    private static WorkbookCell[] StatisticsRow(PlanWorkbookStatistics row) =>
    [
        WorkbookCell.Wrapped(row.Name),
        WorkbookCell.Number(row.Assigned), WorkbookCell.Number(row.Accepted), WorkbookCell.Number(row.ReportedOnTime),
        WorkbookCell.Number(row.ReportedLate), WorkbookCell.Number(row.Overdue), WorkbookCell.Number(row.Done),
        WorkbookCell.Percent(row.OnTimeRate), WorkbookCell.Percent(row.CompletionRate),
    ];

    /// <summary>0 when nothing is due or assigned yet, as the service's statistics define it.</summary>
    internal static double Rate(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
