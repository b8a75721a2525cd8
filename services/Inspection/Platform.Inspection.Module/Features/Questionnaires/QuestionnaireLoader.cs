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

namespace Platform.Inspection.Module.Features.Questionnaires;

/// <summary>A questionnaire the caller may see, or a public one by its code; shared by the questionnaire handlers.</summary>
public sealed class QuestionnaireLoader(InspectionDbContext db, InspectionAccess access)
{
    internal async Task<(Questionnaire Questionnaire, Mission Mission)> LoadVisibleAsync(string? questionnaireId, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id("questionnaire_id", questionnaireId);
        validator.ThrowIfInvalid();
        var questionnaire = await db.Questionnaires.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        var mission = questionnaire is null ? null : await db.Missions.AsNoTracking().SingleAsync(m => m.Id == questionnaire.MissionId, cancellationToken);
        if (questionnaire is null || !access.CanSee(mission!))
        {
            throw new NotFoundException($"Questionnaire {id} does not exist on this node.");
        }
        return (questionnaire, mission!);
    }

    internal async Task<Questionnaire> LoadPublicAsync(string code, CancellationToken cancellationToken)
    {
        var trimmed = code?.Trim() ?? string.Empty;
        return await db.Questionnaires.AsNoTracking()
            .SingleOrDefaultAsync(q => q.PublicCode == trimmed && q.Audience == QuestionnaireAudiences.Public, cancellationToken)
            ?? throw new NotFoundException("No public questionnaire has this code.");
    }
}
