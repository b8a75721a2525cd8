using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Node;
using Platform.Inspection.Module.Features.Missions;
using Platform.Inspection.Module.Features.Questionnaires;
using Question = Platform.Inspection.Module.Domain.Question;
using Questionnaire = Platform.Inspection.Module.Domain.Questionnaire;
using Mission = Platform.Inspection.Module.Domain.Mission;

namespace Platform.Inspection.Module.Features.ListQuestionnaires;

/// <summary>Questionnaires of the missions the caller may see, with their answer counts.</summary>
public sealed class ListQuestionnairesHandler(InspectionDbContext db, InspectionAccess access)
{
    public async Task<ListQuestionnairesResponse> HandleAsync(ListQuestionnairesRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? missionId = string.IsNullOrEmpty(request.MissionId) ? null : validator.Id("mission_id", request.MissionId);
        var audience = string.IsNullOrEmpty(request.Audience) ? null : validator.OneOf("audience", request.Audience, QuestionnaireAudiences.All);
        validator.ThrowIfInvalid();

        var query = db.Questionnaires.AsNoTracking().WhereIf(missionId, m => q => q.MissionId == m);
        query = audience is null ? query : query.Where(q => q.Audience == audience);
        if (!access.SeesEverything)
        {
            var caller = access.Caller;
            var unitId = access.IsUnitCaller ? caller.UnitId : null;
            var visibleMissions = db.Missions.Where(m => m.Team.Any(t => t.UserId == caller.Id)).Select(m => m.Id);
            var targetedMissions = db.Missions.Where(m => unitId != null && m.State != MissionStates.Planned && m.Targets.Any(t => t.UnitId == unitId)).Select(m => m.Id);
            query = query.Where(q => visibleMissions.Contains(q.MissionId)
                || (q.Audience == QuestionnaireAudiences.Targets && targetedMissions.Contains(q.MissionId)));
        }
        var (rows, next) = await query.OrderByDescending(q => q.Id)
            .Select(q => new { Questionnaire = q, Answers = db.QuestionnaireAnswers.Count(a => a.QuestionnaireId == q.Id) })
            .ToPageAsync(page, cancellationToken);
        var response = new ListQuestionnairesResponse { NextPageToken = next };
        response.Questionnaires.AddRange(rows.Select(r => r.Questionnaire.ToProto(r.Answers)));
        return response;
    }
}
