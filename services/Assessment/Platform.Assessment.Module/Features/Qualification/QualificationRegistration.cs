using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Features.CheckStudyMinimums;
using Platform.Assessment.Module.Features.Dossier;
using Platform.Assessment.Module.Features.ExportDossier;
using Platform.Assessment.Module.Features.GetDossier;
using Platform.Assessment.Module.Features.LinkPersonAccount;
using Platform.Assessment.Module.Features.IssueCredential;
using Platform.Assessment.Module.Features.ListStudySessions;
using Platform.Assessment.Module.Features.MayEnforce;
using Platform.Assessment.Module.Features.RecordExamResult;
using Platform.Assessment.Module.Features.RecordStudySession;
using Platform.Assessment.Module.Features.RecordTrainingClass;
using Platform.Assessment.Module.Features.RevokeCredential;
using Platform.Assessment.Module.Features.SuspendCredential;

namespace Platform.Assessment.Module.Features.Qualification;

/// <summary>Study and qualification's use cases.</summary>
internal static class QualificationRegistration
{
    public static IServiceCollection AddQualification(this IServiceCollection services) => services
        .AddScoped<RecordStudySessionHandler>()
        .AddScoped<ListStudySessionsHandler>()
        .AddScoped<CheckStudyMinimumsHandler>()
        .AddScoped<RecordTrainingClassHandler>()
        .AddScoped<RecordExamResultHandler>()
        .AddScoped<IssueCredentialHandler>()
        .AddScoped<SuspendCredentialHandler>()
        .AddScoped<RevokeCredentialHandler>()
        .AddScoped<MayEnforceHandler>()
        // The dossier gathers what qualification and duty reports hold about a person.
        .AddScoped<DossierLoader>()
        .AddScoped<LinkPersonAccountHandler>()
        .AddScoped<GetDossierHandler>()
        .AddScoped<ExportDossierHandler>();
}
