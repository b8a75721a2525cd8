using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Features.DecideAppeal;
using Platform.Assessment.Module.Features.FileAppeal;
using Platform.Assessment.Module.Features.GetIndicatorSystem;
using Platform.Assessment.Module.Features.ListAppeals;
using Platform.Assessment.Module.Features.PublishScores;
using Platform.Assessment.Module.Features.RankUnits;
using Platform.Assessment.Module.Features.GetUnitScore;
using Platform.Assessment.Module.Features.RecordScore;
using Platform.Assessment.Module.Features.SetIndicatorSystem;
using Appeal = Platform.Contracts.Assessment.V1.Appeal;
using IndicatorSystem = Platform.Contracts.Assessment.V1.IndicatorSystem;
using ScorePublication = Platform.Contracts.Assessment.V1.ScorePublication;

namespace Platform.Assessment.Module.Grpc;

/// <summary>platform.assessment.v1.EvaluationService: a thin adapter onto the use-case handlers, resolved per call.</summary>
public sealed class EvaluationGrpcService(IServiceProvider services) : EvaluationService.EvaluationServiceBase
{
    private T Resolve<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<IndicatorSystem> SetIndicatorSystem(SetIndicatorSystemRequest request, ServerCallContext context) =>
        Resolve<SetIndicatorSystemHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<IndicatorSystem> GetIndicatorSystem(GetIndicatorSystemRequest request, ServerCallContext context) =>
        Resolve<GetIndicatorSystemHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<LeafScore> RecordScore(RecordScoreRequest request, ServerCallContext context) =>
        Resolve<RecordScoreHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<UnitScore> GetUnitScore(GetUnitScoreRequest request, ServerCallContext context) =>
        Resolve<GetUnitScoreHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RankUnitsResponse> RankUnits(RankUnitsRequest request, ServerCallContext context) =>
        Resolve<RankUnitsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Appeal> FileAppeal(FileAppealRequest request, ServerCallContext context) =>
        Resolve<FileAppealHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Appeal> DecideAppeal(DecideAppealRequest request, ServerCallContext context) =>
        Resolve<DecideAppealHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListAppealsResponse> ListAppeals(ListAppealsRequest request, ServerCallContext context) =>
        Resolve<ListAppealsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ScorePublication> PublishScores(PublishScoresRequest request, ServerCallContext context) =>
        Resolve<PublishScoresHandler>().HandleAsync(request, context.CancellationToken);
}
