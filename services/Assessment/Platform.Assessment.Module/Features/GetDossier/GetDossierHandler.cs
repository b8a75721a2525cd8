using Platform.Assessment.Module.Features.Dossier;

namespace Platform.Assessment.Module.Features.GetDossier;

/// <summary>A person's dossier (法治档案) in one view; who may read it is <see cref="DossierLoader"/>'s rule.</summary>
public sealed class GetDossierHandler(DossierLoader loader)
{
    public async Task<Contracts.Assessment.V1.Dossier> HandleAsync(GetDossierRequest request, CancellationToken cancellationToken) =>
        (await loader.LoadAsync(request.PersonId, cancellationToken)).Dossier;
}
