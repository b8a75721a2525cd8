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

namespace Platform.Inspection.Module.Features.GetPublicQuestionnaire;

/// <summary>The anonymous questionnaire page's read, over REST only (no request message, so not a gRPC handler); PublicQuestionnaireEndpoints calls it.</summary>
public sealed class PublicQuestionnaireReader(QuestionnaireLoader questionnaires)
{
    /// <summary>A public questionnaire's questions, for the anonymous answer page.</summary>
    public async Task<Contracts.Inspection.V1.Questionnaire> ReadAsync(string code, CancellationToken cancellationToken)
    {
        var questionnaire = await questionnaires.LoadPublicAsync(code, cancellationToken);
        var proto = questionnaire.ToProto(0);
        proto.CreatedBy = string.Empty;
        return proto;
    }
}
