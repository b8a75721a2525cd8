using Platform.BuildingBlocks.Documents.Word;
using Platform.BuildingBlocks.Kernel.Time;
using Mission = Platform.Inspection.Module.Domain.Mission;
using MissionTarget = Platform.Inspection.Module.Domain.MissionTarget;

namespace Platform.Inspection.Module.Features.GenerateMissionReport;

/// <summary>The figures of a mission report: counts only, so no unit's finding text reaches another unit's eyes.</summary>
internal sealed record MissionReportFigures(
    int Total,
    IReadOnlyList<(string Key, int Count)> ByCategory,
    IReadOnlyList<(string Key, int Count)> BySeverity,
    IReadOnlyList<(MissionTarget Target, int Findings, int Severe)> ByUnit);

/// <summary>Writes the mission report (督察情况报告) as a Word document in the official layout.</summary>
internal static class MissionReportDocument
{
    public static byte[] Write(Mission mission, MissionReportFigures figures, DateOnly generatedOn)
    {
        var title = $"{mission.Title}情况报告";
        var report = new OfficialDocumentBuilder(title, mission.Title).Title(title);
        report.Body($"督察类型：{MissionKinds.Chinese(mission.Kind)}　　年度：{mission.Year}年");
        if (mission.PlanEntry.Length > 0)
        {
            report.Body($"年度督察计划事项：{mission.PlanEntry}");
        }
        report.Body($"督察时间：{mission.StartsOn.ToChinese()}至{mission.EndsOn.ToChinese()}");
        report.Body($"督察方式：{string.Join("、", mission.Methods.Select(InspectionMethods.Chinese))}");
        report.Heading("一、督察对象");
        report.Table(["序号", "单位", "行政区划代码"],
            mission.Targets.Select((t, i) => new[] { Count(i + 1), t.UnitName, t.RegionCode ?? "" }));
        report.Heading("二、督察组");
        var leader = mission.Team.FirstOrDefault(m => m.IsLeader);
        report.Body($"组长：{leader?.Name ?? "未指定"}；成员：{string.Join("、", mission.Team.Where(m => !m.IsLeader).Select(m => m.Name))}");
        if (mission.FocusItems.Count > 0)
        {
            report.Heading("三、督察重点");
            foreach (var (item, i) in mission.FocusItems.Select((f, i) => (f, i)))
            {
                report.Body($"{i + 1}. {item}");
            }
        }
        report.Heading("四、发现问题情况");
        report.Body($"本次督察共发现问题{figures.Total}个。");
        report.Body("按严重程度：");
        report.Table(["严重程度", "问题数"], figures.BySeverity.Select(s => new[] { Severities.Chinese(s.Key), Count(s.Count) }));
        report.Body("按问题类别：");
        report.Table(["问题类别", "问题数"], figures.ByCategory.Select(c => new[] { c.Key, Count(c.Count) }));
        report.Body("按督察对象（问题清单已点对点反馈各单位，本报告不列具体问题）：");
        report.Table(["单位", "问题数", "其中严重", "反馈情况"],
            figures.ByUnit.Select(u => new[] { u.Target.UnitName, Count(u.Findings), Count(u.Severe), u.Target.FeedbackId is null ? "未反馈" : "已反馈" }));
        report.Body($"报告生成日期：{OfficialDocumentBuilder.DateText(generatedOn)}");
        return report.ToBytes();
    }

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
