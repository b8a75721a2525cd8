using System.ComponentModel.DataAnnotations;

namespace Platform.Rectification.Module.Features.Evidence;

/// <summary>Section "Rectification:Evidence": the files a unit may attach to its completion and progress reports (checked by the shared UploadCheck).</summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Rectification:Evidence";

    /// <summary>Per file. A whole request is capped at 16 MiB by the gRPC limit, so larger files could never arrive.</summary>
    [Range(typeof(long), "1", "16777216")]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1, 100)]
    public int MaxPerReport { get; set; } = 10;

    /// <summary>Reports, scans, photos, spreadsheets and recordings that show the fix.</summary>
    public string[] AllowedExtensions { get; set; } =
        [".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".mp4", ".txt", ".zip"];
}
