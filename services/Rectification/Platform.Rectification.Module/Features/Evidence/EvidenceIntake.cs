using Google.Protobuf.Collections;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;

namespace Platform.Rectification.Module.Features.Evidence;

/// <summary>Checking and storing the files a unit attaches to its reports, shared by ReportProgress and SubmitCompletion.</summary>
public sealed class EvidenceIntake(IFileStore files, IOptions<EvidenceOptions> evidenceOptions)
{
    internal void Check(RequestValidator validator, RepeatedField<NewEvidenceFile> evidenceFiles)
    {
        var options = evidenceOptions.Value;
        if (evidenceFiles.Count > options.MaxPerReport)
        {
            validator.Add("evidence_files", $"at most {options.MaxPerReport} files per report, got {evidenceFiles.Count}");
            return;
        }
        for (var i = 0; i < evidenceFiles.Count; i++)
        {
            UploadCheck.Check(validator, $"evidence_files[{i}].", evidenceFiles[i].FileName, evidenceFiles[i].Content.Span,
                options.AllowedExtensions, options.MaxBytes);
        }
    }

    /// <summary>
    /// Files are stored before the rows that name them: a failed save leaves an unreferenced file
    /// (harmless in a content-addressed store), never a row without its bytes.
    /// </summary>
    internal async Task<List<Domain.StoredEvidence>> StoreAsync(RepeatedField<NewEvidenceFile> evidenceFiles, CancellationToken cancellationToken)
    {
        var stored = new List<Domain.StoredEvidence>(evidenceFiles.Count);
        foreach (var file in evidenceFiles)
        {
            var saved = await files.SaveAsync(file.Content.Memory, cancellationToken);
            var name = UploadCheck.FileNameOf(file.FileName);
            stored.Add(new Domain.StoredEvidence(name, UploadCheck.ContentTypeOf(name), saved.Size, saved.Sha256));
        }
        return stored;
    }
}
