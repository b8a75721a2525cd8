using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.NoticesDown;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>The documents that events of rectification (escalation steps) and inspection (missions) issue.</summary>
public sealed class EscalationDocuments(DocumentIssuer issuer, OutgoingMessages outgoing, TimeProvider clock, IOptions<DocumentOptions> options, NoticeSender notices)
{
    private static readonly IReadOnlyDictionary<string, string> MissionKindNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["comprehensive"] = "全面督察",
        ["special_topic"] = "专项督察",
        ["on_site"] = "实地督察",
        ["look_back"] = "“回头看”督察",
    };

    public async Task IssueAsync(RectificationEscalated escalated, Guid messageId, CancellationToken cancellationToken)
    {
        if (!DocumentKinds.ByEscalationStep.TryGetValue(escalated.Step, out var kind))
        {
            // The first step (reminder, 提醒) is an inbox message, not a document.
            var reminder = NotificationMessage.Create(
                MessageKinds.Escalation, $"整改提醒：{escalated.Title}",
                $"{escalated.UnitName}：整改事项“{escalated.Title}”进度滞后，整改期限为{escalated.Deadline.ToChinese()}。{escalated.Reason}请抓紧整改。",
                escalated.ItemId, new Audit(escalated.AppliedBy, clock.GetUtcNow(), escalated.NodeId));
            await outgoing.QueueAsync(reminder, [new Addressing(escalated.UnitId, Audiences.All, escalated.CopyToDiscipline, escalated.CopyToOrganisation)], cancellationToken);
            return;
        }

        var referral = kind == DocumentKinds.ReferralLetter;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["unit_name"] = escalated.UnitName,
            ["title"] = escalated.Title,
            ["deadline"] = escalated.Deadline.ToChinese(),
            ["reason"] = escalated.Reason,
            ["severity"] = escalated.Severity switch { "severe" => "严重", "serious" => "较重", _ => "一般" },
            ["file"] = string.Join("\n", escalated.File.Select(e => $"{e.At.DateInChina().ToChinese()} {e.Actor} {e.Action}：{e.Detail}")),
        };
        var addressee = kind switch
        {
            DocumentKinds.CriticismBulletin => "各有关单位",
            DocumentKinds.ReferralLetter => options.Value.DisciplineCommission,
            _ => escalated.UnitName,
        };
        // A referral goes to the discipline-inspection commission whatever the flag says.
        var copyToDiscipline = escalated.CopyToDiscipline || referral;
        var issued = await issuer.IssueAsync(
            new DocumentRequest(kind, values, addressee, escalated.UnitId, escalated.ItemId, $"escalation:{messageId}",
                copyToDiscipline, escalated.CopyToOrganisation, MessageKinds.Escalation, escalated.AppliedBy),
            cancellationToken);
        if (issued is not null)
        {
            await outgoing.QueueAsync(
                issued.Message, [new Addressing(escalated.UnitId, Audiences.All, copyToDiscipline, escalated.CopyToOrganisation)], cancellationToken);
        }
    }

    public async Task IssueAsync(MissionNotified mission, Guid messageId, CancellationToken cancellationToken)
    {
        var children = await notices.ChildrenAsync(cancellationToken);
        foreach (var target in mission.Targets)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["unit_name"] = target.UnitName,
                ["mission_title"] = mission.Title,
                ["mission_kind"] = MissionKindNames.GetValueOrDefault(mission.Kind, "督察"),
                ["focus_items"] = string.Join("\n", mission.FocusItems.Select((f, i) => $"{i + 1}. {f}")),
                ["starts_on"] = mission.StartsOn.ToChinese(),
                ["ends_on"] = mission.EndsOn.ToChinese(),
            };
            var issued = await issuer.IssueAsync(
                new DocumentRequest(DocumentKinds.MissionNotice, values, target.UnitName, target.UnitId, mission.MissionId,
                    $"mission:{messageId}:{target.UnitId}", false, false, MessageKinds.MissionNotice, mission.NotifiedBy),
                cancellationToken);
            if (issued is null)
            {
                continue;
            }
            await outgoing.QueueAsync(issued.Message, [new Addressing(target.UnitId, Audiences.All)], cancellationToken);
            // A target in a region a child link leads to (ADR 0022): the notice also goes down to that node's office,
            // which passes it on to its units. Only the notice's text crosses; findings come later and stay here. A
            // target with no node below (a standalone node's own districts) gets its notice here only.
            if (notices.Reaches(children, target.RegionCode))
            {
                notices.Send(NoticeKinds.Mission, issued.Document.Title, issued.Document.Body, [target.RegionCode!], [], Audiences.Office, issued.Document.Created,
                    mission.MissionId, mission.Title);
            }
        }
    }
}
