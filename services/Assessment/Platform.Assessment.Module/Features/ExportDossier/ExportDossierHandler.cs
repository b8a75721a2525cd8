using Platform.Assessment.Module.Features.Dossier;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features.ExportDossier;

/// <summary>A person's dossier as one .docx, written by the shared official-document builder; same readers as the view.</summary>
public sealed class ExportDossierHandler(DossierLoader loader, TimeProvider clock)
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public async Task<DossierFile> HandleAsync(GetDossierRequest request, CancellationToken cancellationToken)
    {
        var (name, dossier) = await loader.LoadAsync(request.PersonId, cancellationToken);
        return new DossierFile
        {
            FileName = $"{name}法治档案.docx",
            ContentType = ContentType,
            Content = Google.Protobuf.ByteString.CopyFrom(DossierDocument.Write(dossier, clock.TodayInChina())),
        };
    }
}
