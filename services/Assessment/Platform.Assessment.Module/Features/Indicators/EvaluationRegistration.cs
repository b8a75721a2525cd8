using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Consumers;
using Platform.Assessment.Module.Features.Scores;
using Platform.BuildingBlocks.Messaging;

namespace Platform.Assessment.Module.Features.Indicators;

/// <summary>Evaluation's shared services (its handlers are registered by convention, AddFeatureHandlers): the score loader and the consumers of the facts that derived scores come from.</summary>
internal static class EvaluationRegistration
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services) => services
        .AddScoped<ScoreLoader>()
        // The facts derived scores come from: one queue per event, as every service consumes.
        .AddPlatformConsumer<ProgressReportedFactConsumer>(ProgressReportedFactConsumer.QueueName)
        .AddPlatformConsumer<AssignmentOverdueFactConsumer>(AssignmentOverdueFactConsumer.QueueName)
        .AddPlatformConsumer<RectificationOverdueFactConsumer>(RectificationOverdueFactConsumer.QueueName)
        .AddPlatformConsumer<RectificationEscalatedFactConsumer>(RectificationEscalatedFactConsumer.QueueName)
        .AddPlatformConsumer<RectificationReopenedFactConsumer>(RectificationReopenedFactConsumer.QueueName)
        .AddPlatformConsumer<FeedbackGivenFactConsumer>(FeedbackGivenFactConsumer.QueueName);
}
