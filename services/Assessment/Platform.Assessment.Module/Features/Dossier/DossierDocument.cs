using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Documents.Word;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features.Dossier;

/// <summary>Writes a dossier (法治档案) as a Word document in the official layout, with the shared builder.</summary>
internal static class DossierDocument
{
    private static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>
    {
        ["due"] = "待述法", ["submitted"] = "已提交", ["sent_back"] = "退回修改", ["reviewed"] = "已评议", ["excused"] = "免于述法",
    };

    private static readonly IReadOnlyDictionary<string, string> Ratings = new Dictionary<string, string>
    {
        ["excellent"] = "优秀", ["good"] = "良好", ["fair"] = "一般", ["poor"] = "较差",
    };

    private static readonly IReadOnlyDictionary<string, string> Changes = new Dictionary<string, string>
    {
        ["appointed"] = "任职", ["updated"] = "变更", ["transferred"] = "调任", ["left"] = "离任",
    };

    private static readonly IReadOnlyDictionary<string, string> Credentials = new Dictionary<string, string>
    {
        ["active"] = "有效", ["suspended"] = "暂扣", ["revoked"] = "吊销",
    };

    public static byte[] Write(Contracts.Assessment.V1.Dossier dossier, DateOnly generatedOn)
    {
        var person = dossier.Person;
        var title = $"{person.Name}法治档案";
        var document = new OfficialDocumentBuilder(title, dossier.UnitName).Title(title);
        var kind = Chinese(person.PostKind);
        document.Body($"单位：{dossier.UnitName}　　职务：{person.Position}　　职级：{person.Rank}");
        document.Body($"岗位类别：{kind}　　任职时间：{person.TermStart}{(person.TermEnd.Length > 0 ? "至" + person.TermEnd : string.Empty)}　　状态：{(person.Status == "active" ? "在任" : "离任")}");

        if (dossier.NodeId.Length > 0)
        {
            // A head of a node below (ADR 0023): the office reads what that node sent, not its own record.
            document.Body($"档案来源：下级节点 {dossier.NodeId}（行政区划代码 {dossier.RegionCode}）报送，报送时间 {dossier.AsOf}");
        }
        document.Heading("一、任职经历");
        document.Table(["日期", "变动", "职务", "备注"], person.History.Select(h => new[] { h.Date, Changes.GetValueOrDefault(h.Kind, h.Kind), h.Position, h.Note }));
        document.Heading("二、述法情况");
        Section(document, dossier.DutyReports.Count, ["年度", "述法活动", "形式", "状态", "评议等次"],
            dossier.DutyReports.Select(r => new[] { Count(r.Year), r.CampaignTitle, r.Form, Statuses.GetValueOrDefault(r.Status, r.Status), Ratings.GetValueOrDefault(r.Rating, r.Rating) }));
        document.Heading("三、学法情况");
        Section(document, dossier.StudySessions.Count, ["日期", "学法内容"], dossier.StudySessions.Select(s => new[] { s.Date, s.Topic }));
        document.Heading("四、培训情况");
        Section(document, dossier.Training.Count, ["开班日期", "培训班", "学时", "参训"],
            dossier.Training.Select(t => new[] { t.StartsOn, t.Title, Count(t.Hours), t.Attended ? "参加" : "缺席" }));
        document.Heading("五、法律考试");
        Section(document, dossier.Exams.Count, ["日期", "类别", "成绩", "结果"],
            dossier.Exams.Select(e => new[] { e.TakenOn, e.Kind == "pre_appointment" ? "任前法律考试" : "年度学法考试", e.Score.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), e.Passed ? "合格" : "不合格" }));
        document.Heading("六、执法证件");
        Section(document, dossier.Credentials.Count, ["证号", "发证日期", "有效期至", "状态", "暂扣、吊销"],
            dossier.Credentials.Select(c => new[] { c.Number, c.IssuedOn, c.ExpiresOn, Credentials.GetValueOrDefault(c.Status, c.Status), Actions(c) }));
        document.Body($"档案生成日期：{OfficialDocumentBuilder.DateText(generatedOn)}");
        return document.ToBytes();
    }

    /// <summary>Every suspension and the revocation of a credential, in the style of official documents: 暂扣2025年7月1日至2025年7月31日：停职调查.</summary>
    private static string Actions(Contracts.Assessment.V1.Credential credential)
    {
        var actions = credential.Suspensions.Select(s => $"暂扣{Day(s.From)}{(s.Until.Length > 0 ? "至" + Day(s.Until) : "起至另行通知")}：{s.Reason}").ToList();
        if (credential.RevokedOn.Length > 0)
        {
            actions.Add($"吊销{Day(credential.RevokedOn)}起：{credential.RevocationReason}");
        }
        return actions.Count == 0 ? "无" : string.Join("；", actions);
    }

    /// <summary>A dossier from below may carry a date this node cannot read: it is shown as sent, never a failed export.</summary>
    private static string Day(string wire) =>
        DateOnly.TryParseExact(wire, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day.ToChinese() : wire;

    private static void Section(OfficialDocumentBuilder document, int count, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (count == 0)
        {
            document.Body("无。");
            return;
        }
        document.Table(header, rows);
    }

    private static string Chinese(string wire) => PersonFieldRules.WirePostKinds.TryGetValue(wire, out var kind) ? kind.Chinese() : "其他";

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
