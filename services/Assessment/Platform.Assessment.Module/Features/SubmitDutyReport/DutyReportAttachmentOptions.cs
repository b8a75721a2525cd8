namespace Platform.Assessment.Module.Features.SubmitDutyReport;

/// <summary>Section "Assessment:Attachments": what may be attached to a duty report (checked by the shared UploadCheck).</summary>
public sealed class DutyReportAttachmentOptions
{
    public const string SectionName = "Assessment:Attachments";

    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxPerReport { get; set; } = 10;

    /// <summary>Reports given at a meeting or through new media come as slides, pictures or video.</summary>
    public string[] AllowedExtensions { get; set; } = [".pdf", ".ofd", ".doc", ".docx", ".jpg", ".jpeg", ".png", ".mp4"];
}
