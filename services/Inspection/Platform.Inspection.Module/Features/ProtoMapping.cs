using Platform.BuildingBlocks.Grpc;
using Proto = Platform.Contracts.Inspection.V1;
using Clue = Platform.Inspection.Module.Domain.Clue;
using Feedback = Platform.Inspection.Module.Domain.Feedback;
using Finding = Platform.Inspection.Module.Domain.Finding;
using Inspector = Platform.Inspection.Module.Domain.Inspector;
using Integrator = Platform.Inspection.Module.Domain.Integrator;
using Mission = Platform.Inspection.Module.Domain.Mission;
using Questionnaire = Platform.Inspection.Module.Domain.Questionnaire;

namespace Platform.Inspection.Module.Features;

/// <summary>Domain to wire types.</summary>
internal static class ProtoMapping
{
    public static string ToWire(this DateTimeOffset? instant) => instant?.ToWire() ?? string.Empty;

    public static string ToWire(this Guid? id) => id?.ToString() ?? string.Empty;

    public static Proto.Inspector ToProto(this Inspector inspector)
    {
        var proto = new Proto.Inspector
        {
            Id = inspector.Id.ToString(),
            Name = inspector.Name,
            UserId = inspector.UserId,
            HomeUnitId = inspector.HomeUnitId.ToWire(),
            HomeUnitName = inspector.HomeUnitName,
            Available = inspector.Available,
            RegisteredBy = inspector.Registered.UserId,
            RegisteredAt = inspector.Registered.At.ToWire(),
        };
        proto.Expertise.AddRange(inspector.Expertise);
        return proto;
    }

    public static Proto.Mission ToProto(this Mission mission)
    {
        var proto = new Proto.Mission
        {
            Id = mission.Id.ToString(),
            Title = mission.Title,
            Kind = mission.Kind,
            Year = mission.Year,
            PlanEntry = mission.PlanEntry,
            StartsOn = mission.StartsOn.ToWire(),
            EndsOn = mission.EndsOn.ToWire(),
            State = mission.State,
            CreatedBy = mission.Created.UserId,
            CreatedAt = mission.Created.At.ToWire(),
            UpdatedBy = mission.Updated.UserId,
            UpdatedAt = mission.Updated.At.ToWire(),
        };
        proto.Targets.AddRange(mission.Targets.Select(t => new Proto.MissionTarget
        {
            UnitId = t.UnitId.ToString(),
            UnitName = t.UnitName,
            RegionCode = t.RegionCode ?? string.Empty,
            FeedbackGiven = t.FeedbackId is not null,
        }));
        proto.Team.AddRange(mission.Team.Select(m => new Proto.TeamMember { InspectorId = m.InspectorId.ToString(), Name = m.Name, Leader = m.IsLeader }));
        proto.FocusItems.AddRange(mission.FocusItems);
        proto.Methods.AddRange(mission.Methods);
        proto.AllowedNextStates.AddRange(mission.AllowedNextStates);
        return proto;
    }

    /// <summary>A mission as a unit sees it: the other targets and their feedback are not its business.</summary>
    public static Proto.Mission ToProtoForUnit(this Mission mission, Guid unitId)
    {
        var proto = mission.ToProto();
        var own = proto.Targets.Where(t => t.UnitId == unitId.ToString()).ToList();
        proto.Targets.Clear();
        proto.Targets.AddRange(own);
        return proto;
    }

    public static Proto.Finding ToProto(this Finding finding)
    {
        var proto = new Proto.Finding
        {
            Id = finding.Id.ToString(),
            MissionId = finding.MissionId.ToString(),
            ClueId = finding.ClueId.ToWire(),
            ResponsibleUnitId = finding.ResponsibleUnitId.ToString(),
            ResponsibleUnitName = finding.ResponsibleUnitName,
            Title = finding.Title,
            Description = finding.Description,
            Location = finding.Location,
            Category = finding.Category,
            Severity = finding.Severity,
            FeedbackId = finding.FeedbackId.ToWire(),
            RecordedBy = finding.Recorded.UserId,
            RecordedAt = finding.Recorded.At.ToWire(),
        };
        proto.Evidence.AddRange(finding.Evidence.Select(e => e.ToProto()));
        return proto;
    }

    public static Proto.Evidence ToProto(this EvidenceFile evidence) => new()
    {
        Id = evidence.Id.ToString(),
        FileName = evidence.FileName,
        ContentType = evidence.ContentType,
        Size = evidence.Size,
        Sha256 = evidence.Sha256,
        AddedBy = evidence.Added.UserId,
        AddedAt = evidence.Added.At.ToWire(),
    };

    public static Proto.Feedback ToProto(this Feedback feedback, string missionState)
    {
        var proto = new Proto.Feedback
        {
            Id = feedback.Id.ToString(),
            MissionId = feedback.MissionId.ToString(),
            UnitId = feedback.UnitId.ToString(),
            UnitName = feedback.UnitName,
            Note = feedback.Note,
            GivenBy = feedback.Given.UserId,
            GivenAt = feedback.Given.At.ToWire(),
            MissionState = missionState,
        };
        proto.FindingIds.AddRange(feedback.FindingIds.Select(f => f.ToString()));
        return proto;
    }

    public static Proto.Clue ToProto(this Clue clue) => new()
    {
        Id = clue.Id.ToString(),
        SourceSystem = clue.SourceSystem,
        SourceId = clue.SourceId,
        ReceivedAt = clue.ReceivedAt.ToWire(),
        Subject = clue.Subject,
        Content = clue.Content,
        Category = clue.Category,
        UnitId = clue.UnitId.ToWire(),
        UnitName = clue.UnitName,
        RegionCode = clue.RegionCode ?? string.Empty,
        Status = clue.Status,
        DuplicateGroupId = clue.DuplicateGroupId.ToWire(),
        MergedIntoClueId = clue.MergedIntoClueId.ToWire(),
        MissionId = clue.MissionId.ToWire(),
        AssignedUnitId = clue.AssignedUnitId.ToWire(),
        AssignedUnitName = clue.AssignedUnitName ?? string.Empty,
        CloseReason = clue.CloseReason ?? string.Empty,
        IntegratorId = clue.IntegratorId.ToString(),
        IntakeAt = clue.Intake.At.ToWire(),
        TriagedBy = clue.Triaged?.UserId ?? string.Empty,
        TriagedAt = clue.Triaged?.At.ToWire() ?? string.Empty,
    };

    public static Proto.Integrator ToProto(this Integrator integrator)
    {
        var proto = new Proto.Integrator
        {
            Id = integrator.Id.ToString(),
            Name = integrator.Name,
            Revoked = integrator.IsRevoked,
            RegisteredBy = integrator.Registered.UserId,
            RegisteredAt = integrator.Registered.At.ToWire(),
            RevokedBy = integrator.Revoked?.UserId ?? string.Empty,
            RevokedAt = integrator.Revoked?.At.ToWire() ?? string.Empty,
            KeyExpiresAt = integrator.KeyExpiresAt?.ToWire() ?? string.Empty,
            KeyRotatedAt = integrator.KeyRotatedAt?.ToWire() ?? string.Empty,
            PreviousKeyExpiresAt = integrator.PreviousKeyExpiresAt?.ToWire() ?? string.Empty,
        };
        proto.AllowedSources.AddRange(integrator.AllowedSources);
        return proto;
    }

    public static Proto.Questionnaire ToProto(this Questionnaire questionnaire, int answers)
    {
        var proto = new Proto.Questionnaire
        {
            Id = questionnaire.Id.ToString(),
            MissionId = questionnaire.MissionId.ToString(),
            Title = questionnaire.Title,
            Audience = questionnaire.Audience,
            PublicCode = questionnaire.PublicCode ?? string.Empty,
            Answers = answers,
            CreatedBy = questionnaire.Created.UserId,
            CreatedAt = questionnaire.Created.At.ToWire(),
        };
        proto.Questions.AddRange(questionnaire.Questions.Select(q =>
        {
            var question = new Proto.Question { Id = q.Id.ToString(), Text = q.Text, Kind = q.Kind };
            question.Options.AddRange(q.Options);
            return question;
        }));
        return proto;
    }
}
