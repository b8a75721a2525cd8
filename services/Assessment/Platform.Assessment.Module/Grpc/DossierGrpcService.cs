using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Features.ExportDossier;
using Platform.Assessment.Module.Features.GetDossier;
using Platform.Assessment.Module.Features.LinkPersonAccount;
using Platform.Assessment.Module.Features.ListDossiersFromBelow;

namespace Platform.Assessment.Module.Grpc;

/// <summary>platform.assessment.v1.DossierService: a thin adapter onto the use-case handlers, resolved per call.</summary>
public sealed class DossierGrpcService(IServiceProvider services) : DossierService.DossierServiceBase
{
    private T Resolve<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<LinkPersonAccountResponse> LinkPersonAccount(LinkPersonAccountRequest request, ServerCallContext context) =>
        Resolve<LinkPersonAccountHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Dossier> GetDossier(GetDossierRequest request, ServerCallContext context) =>
        Resolve<GetDossierHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<DossierFile> ExportDossier(GetDossierRequest request, ServerCallContext context) =>
        Resolve<ExportDossierHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListDossiersFromBelowResponse> ListDossiersFromBelow(ListDossiersFromBelowRequest request, ServerCallContext context) =>
        Resolve<ListDossiersFromBelowHandler>().HandleAsync(request, context.CancellationToken);
}
