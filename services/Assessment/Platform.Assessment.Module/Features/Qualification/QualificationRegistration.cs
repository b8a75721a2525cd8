using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Features.Dossier;

namespace Platform.Assessment.Module.Features.Qualification;

/// <summary>Study and qualification's shared services; its handlers are registered by convention (AddFeatureHandlers).</summary>
internal static class QualificationRegistration
{
    public static IServiceCollection AddQualification(this IServiceCollection services) => services
        // The dossier gathers what qualification and duty reports hold about a person.
        .AddScoped<DossierLoader>();
}
