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

    /// <summary>
    /// The person as they stand on <paramref name="today"/>: the unit, post and term of the change in effect that day
    /// (a transfer recorded ahead shows in the history only, until its date), <c>left</c> once their leaving took effect.
    /// </summary>
    public static Proto.Person ToProto(this Person person, IReadOnlyCollection<PersonChange> history, DateOnly today, bool withHistory = true)
    {
        var ordered = PersonTimeline.InOrder(history);
        var inEffect = ordered.LastOrDefault(c => c.Date <= today) ?? ordered.FirstOrDefault();
        var latest = inEffect is null || inEffect == ordered[^1];
        // The term in effect started with the latest appointment or transfer up to the change in effect.
        var termStart = ordered.Take(ordered.IndexOf(inEffect!) + 1)
            .LastOrDefault(c => c.Kind is PersonChangeKind.Appointed or PersonChangeKind.Transferred)?.Date ?? person.TermStart;
        var proto = new Proto.Person
        {
            Id = person.Id.ToString(),
            UnitId = (latest ? person.UnitId : inEffect!.UnitId).ToString(),
            Name = person.Name,
            Position = latest ? person.Position : inEffect!.Position,
            PostKind = (latest ? person.PostKind : inEffect!.PostKind).Wire(),
            Rank = latest ? person.Rank : inEffect!.Rank,
            TermStart = (latest ? person.TermStart : termStart).ToWire(),
            TermEnd = (latest ? person.TermEnd : inEffect!.TermEnd)?.ToWire() ?? string.Empty,
            Status = person.HasLeftBy(today) ? "left" : "active",
            CreatedAt = person.Created.At.ToWire(),
        };
        if (!withHistory)
        {
            return proto;
        }
        proto.History.AddRange(ordered.Select(c => new Proto.PersonChange
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
            Status = entry.Status.Wire(),
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
