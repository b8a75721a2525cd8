using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Consumers;
using Platform.Assessment.Module.Features.DecideAppeal;
using Platform.Assessment.Module.Features.FileAppeal;
using Platform.Assessment.Module.Features.GetIndicatorSystem;
using Platform.Assessment.Module.Features.ListAppeals;
using Platform.Assessment.Module.Features.PublishScores;
using Platform.Assessment.Module.Features.RankUnits;
using Platform.Assessment.Module.Features.GetUnitScore;
using Platform.Assessment.Module.Features.RecordScore;
using Platform.Assessment.Module.Features.Scores;
using Platform.Assessment.Module.Features.SetIndicatorSystem;
using Platform.BuildingBlocks.Messaging;

namespace Platform.Assessment.Module.Features.Indicators;

/// <summary>Evaluation's use cases, registered by one line in the module so part one's registrations stay apart.</summary>
internal static class EvaluationRegistration
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services) => services
        .AddScoped<SetIndicatorSystemHandler>()
        .AddScoped<GetIndicatorSystemHandler>()
        .AddScoped<ScoreLoader>()
        .AddScoped<RecordScoreHandler>()
        .AddScoped<GetUnitScoreHandler>()
        .AddScoped<RankUnitsHandler>()
        .AddScoped<FileAppealHandler>()
        .AddScoped<DecideAppealHandler>()
        .AddScoped<ListAppealsHandler>()
        .AddScoped<PublishScoresHandler>()
        // The facts derived scores come from: one queue per event, as every service consumes.
        .AddPlatformConsumer<ProgressReportedFactConsumer>(ProgressReportedFactConsumer.QueueName)
        .AddPlatformConsumer<AssignmentOverdueFactConsumer>(AssignmentOverdueFactConsumer.QueueName)
        .AddPlatformConsumer<RectificationOverdueFactConsumer>(RectificationOverdueFactConsumer.QueueName)
        .AddPlatformConsumer<RectificationEscalatedFactConsumer>(RectificationEscalatedFactConsumer.QueueName)
        .AddPlatformConsumer<RectificationReopenedFactConsumer>(RectificationReopenedFactConsumer.QueueName)
        .AddPlatformConsumer<FindingRecordedFactConsumer>(FindingRecordedFactConsumer.QueueName);
}
