using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.BuildingBlocks.Grpc;
using Platform.Inspection.Module.Domain;

namespace Platform.Inspection.Module.Features.MissionReport;

/// <summary>The figures of a mission report: counts only, so no unit's finding text reaches another unit's eyes.</summary>
internal sealed record MissionReportFigures(
    int Total,
    IReadOnlyList<(string Key, int Count)> ByCategory,
    IReadOnlyList<(string Key, int Count)> BySeverity,
    IReadOnlyList<(MissionTarget Target, int Findings, int Severe)> ByUnit);

/// <summary>Writes the mission report (督察情况报告) as a Word document in Chinese.</summary>
internal static class MissionReportDocument
{
    private const string Font = "仿宋";

    public static byte[] Write(Mission mission, MissionReportFigures figures, DateOnly generatedOn)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Heading($"{mission.Title}情况报告"));
            body.Append(Paragraph($"督察类型：{MissionKinds.Chinese(mission.Kind)}　　年度：{mission.Year}年"));
            if (mission.PlanEntry.Length > 0)
            {
                body.Append(Paragraph($"年度督察计划事项：{mission.PlanEntry}"));
            }
            body.Append(Paragraph($"督察时间：{mission.StartsOn.ToChinese()}至{mission.EndsOn.ToChinese()}"));
            body.Append(Paragraph($"督察方式：{string.Join("、", mission.Methods.Select(InspectionMethods.Chinese))}"));
            body.Append(Section("一、督察对象"));
            body.Append(Table(["序号", "单位", "行政区划代码"],
                mission.Targets.Select((t, i) => new[] { (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), t.UnitName, t.RegionCode ?? "" })));
            body.Append(Section("二、督察组"));
            var leader = mission.Team.FirstOrDefault(m => m.IsLeader);
            body.Append(Paragraph($"组长：{leader?.Name ?? "未指定"}；成员：{string.Join("、", mission.Team.Where(m => !m.IsLeader).Select(m => m.Name))}"));
            if (mission.FocusItems.Count > 0)
            {
                body.Append(Section("三、督察重点"));
                foreach (var (item, i) in mission.FocusItems.Select((f, i) => (f, i)))
                {
                    body.Append(Paragraph($"{i + 1}. {item}"));
                }
            }
            body.Append(Section("四、发现问题情况"));
            body.Append(Paragraph($"本次督察共发现问题{figures.Total}个。"));
            body.Append(Paragraph("按严重程度："));
            body.Append(Table(["严重程度", "问题数"], figures.BySeverity.Select(s => new[] { Severities.Chinese(s.Key), Count(s.Count) })));
            body.Append(Paragraph("按问题类别："));
            body.Append(Table(["问题类别", "问题数"], figures.ByCategory.Select(c => new[] { c.Key, Count(c.Count) })));
            body.Append(Paragraph("按督察对象（问题清单已点对点反馈各单位，本报告不列具体问题）："));
            body.Append(Table(["单位", "问题数", "其中严重", "反馈情况"],
                figures.ByUnit.Select(u => new[] { u.Target.UnitName, Count(u.Findings), Count(u.Severe), u.Target.FeedbackId is null ? "未反馈" : "已反馈" })));
            body.Append(Paragraph($"报告生成日期：{generatedOn.ToChinese()}"));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Paragraph Heading(string text) => new(
        new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
        new Run(new RunProperties(new RunFonts { EastAsia = "方正小标宋简体", Ascii = "方正小标宋简体" }, new Bold(), new FontSize { Val = "44" }), new Text(text)));

    private static Paragraph Section(string text) => new(
        new Run(new RunProperties(new RunFonts { EastAsia = "黑体", Ascii = "黑体" }, new FontSize { Val = "32" }), new Text(text)));

    private static Paragraph Paragraph(string text) => new(
        new Run(new RunProperties(new RunFonts { EastAsia = Font, Ascii = Font }, new FontSize { Val = "32" }), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Table Table(string[] header, IEnumerable<string[]> rows)
    {
        var table = new Table(new TableProperties(
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(Row(header, bold: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, bold: false));
        }
        return table;
    }

    private static TableRow Row(IEnumerable<string> cells, bool bold) => new(cells.Select(c => new TableCell(new Paragraph(
        new Run(bold ? new RunProperties(new Bold()) : new RunProperties(), new Text(c))))));
}
