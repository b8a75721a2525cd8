namespace Platform.Inspection.Module.Features.Findings;

/// <summary>Section "Inspection:Evidence": what may be attached to a finding as evidence (checked by the shared UploadCheck).</summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Inspection:Evidence";

    /// <summary>At most 16 MiB: one gRPC request (file and fields together) is capped there.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 16 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxPerFinding { get; set; } = 20;

    /// <summary>Documents, scans, photos and recordings an inspector collects.</summary>
    public string[] AllowedExtensions { get; set; } = [".pdf", ".ofd", ".docx", ".xlsx", ".jpg", ".jpeg", ".png", ".mp3", ".mp4", ".txt"];
}
