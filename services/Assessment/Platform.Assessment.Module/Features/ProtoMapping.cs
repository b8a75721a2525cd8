using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Grpc;
using Proto = Platform.Contracts.Assessment.V1;
using AssessmentUnit = Platform.Assessment.Module.Domain.AssessmentUnit;
using DutyReportAttachment = Platform.Assessment.Module.Domain.DutyReportAttachment;
using Person = Platform.Assessment.Module.Domain.Person;
using PersonChange = Platform.Assessment.Module.Domain.PersonChange;
using RosterEntry = Platform.Assessment.Module.Domain.RosterEntry;

namespace Platform.Assessment.Module.Features;

internal static class ProtoMapping
{
    public static Proto.AssessmentUnit ToProto(this AssessmentUnit unit) => new()
    {
        Id = unit.Id.ToString(),
        Name = unit.Name,
        Kind = unit.Kind,
        RegionCode = unit.RegionCode,
    };

    public static Proto.Person ToProto(this Person person, IEnumerable<PersonChange>? history = null)
    {
        var proto = new Proto.Person
        {
            Id = person.Id.ToString(),
            UnitId = person.UnitId.ToString(),
            Name = person.Name,
            Position = person.Position,
            PostKind = person.PostKind.Wire(),
            Rank = person.Rank,
            TermStart = person.TermStart.ToWire(),
            TermEnd = person.TermEnd?.ToWire() ?? string.Empty,
            Status = person.IsActive ? "active" : "left",
            CreatedAt = person.Created.At.ToWire(),
        };
        if (history is not null)
        {
            proto.History.AddRange(history.Select(c => new Proto.PersonChange
            {
                Kind = c.Kind.Wire(),
                Date = c.Date.ToWire(),
                UnitId = c.UnitId.ToString(),
                PreviousUnitId = c.PreviousUnitId?.ToString() ?? string.Empty,
                Position = c.Position,
                PostKind = c.PostKind.Wire(),
                Rank = c.Rank,
                Note = c.Note,
                RecordedBy = c.Recorded.UserId,
                RecordedAt = c.Recorded.At.ToWire(),
            }));
        }
        return proto;
    }
}

internal static class DutyReportMapping
{
    public static Proto.Campaign ToProto(this DutyCampaign campaign)
    {
        var proto = new Proto.Campaign
        {
            Id = campaign.Id.ToString(),
            Title = campaign.Title,
            Year = campaign.Year,
            Kind = Features.DutyReports.DutyReportRules.Wire(campaign.Kind),
            CreatedAt = campaign.Created.At.ToWire(),
        };
        proto.Duties.AddRange(campaign.Duties.Select(Features.DutyReports.DutyReportRules.ToProto));
        proto.Forms.AddRange(campaign.Forms);
        proto.PublicEvaluationForms.AddRange(campaign.PublicEvaluationForms);
        (proto.Revision, proto.OriginNodeId, proto.OriginCampaignId) = (campaign.Revision, campaign.OriginNodeId ?? string.Empty, campaign.OriginCampaignId?.ToString() ?? string.Empty);
        proto.CascadedAt = campaign.CascadedAt?.ToWire() ?? string.Empty;
        return proto;
    }

    public static Proto.RosterEntry ToProto(this RosterEntry entry, IEnumerable<DutyReportAttachment>? attachments = null)
    {
        var proto = new Proto.RosterEntry
        {
            Id = entry.Id.ToString(),
            CampaignId = entry.CampaignId.ToString(),
            PersonId = entry.PersonId.ToString(),
            PersonName = entry.PersonName,
            UnitId = entry.UnitId.ToString(),
            PostKind = entry.PostKind.Wire(),
            Level = Features.DutyReports.DutyReportRules.Wire(entry.Level),
            Status = Features.DutyReports.DutyReportRules.Wire(entry.Status),
            Reason = entry.Status == RosterStatus.SentBack ? entry.ReviewComment : entry.Reason,
            Form = entry.Form,
            Text = entry.Text,
            SubmittedAt = entry.SubmittedAt?.ToWire() ?? string.Empty,
            Rating = entry.Rating is { } rating ? Features.DutyReports.DutyReportRules.Wire(rating) : string.Empty,
            ReviewComment = entry.ReviewComment,
            PublicEvaluationRequired = entry.PublicEvaluationRequired,
            PublicEvaluation = entry.PublicEvaluation,
            PublicEvaluatedAt = entry.PublicEvaluated?.At.ToWire() ?? string.Empty,
        };
        if (attachments is not null)
        {
            proto.Attachments.AddRange(attachments.Select(a => new Proto.DutyReportAttachment
            {
                Id = a.Id.ToString(), FileName = a.FileName, ContentType = a.ContentType, Size = a.Size,
            }));
        }
        return proto;
    }
}
