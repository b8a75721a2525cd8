using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Features.GetIndicatorSystem;
using Platform.Assessment.Module.Features.SetIndicatorSystem;

namespace Platform.Assessment.Module.Features.Indicators;

/// <summary>Evaluation's use cases, registered by one line in the module so part one's registrations stay apart.</summary>
internal static class EvaluationRegistration
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services) => services
        .AddScoped<SetIndicatorSystemHandler>()
        .AddScoped<GetIndicatorSystemHandler>();
}
