using System.Text.Json;

namespace Platform.Federation.Benchmark;

/// <summary>What the benchmark sends: payloads of the size the cascade and progress flows carry.</summary>
public static class Traffic
{
    public const string TaskWireName = "federation.benchmark_task.v1";
    public const string ReportWireName = "federation.benchmark_report.v1";

    public static string Task(int number) => JsonSerializer.Serialize(new
    {
        planTitle = "2026年全省法治政府建设工作要点",
        taskNumber = number,
        revision = 1,
        title = $"第{number}项：健全依法决策机制，严格落实重大行政决策程序规定，推进行政决策科学化、民主化、法治化",
        leadUnit = "省司法厅",
        dueOn = "2026-12-31",
        reportingRule = "每季度末月25日前报送进展",
    });

    public static string Report(string countyId, int task, int day, int change) => JsonSerializer.Serialize(new
    {
        node = countyId,
        taskNumber = task,
        day,
        change,
        unitsAssigned = 12,
        reported = 9,
        onTime = 8,
        late = 1,
        completed = 3,
        summary = "本级各单位已按要求报送进展，其中三家单位已完成，一家单位逾期报送，已督促。",
    });
}
