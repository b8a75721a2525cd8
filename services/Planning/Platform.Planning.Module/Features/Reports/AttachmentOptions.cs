namespace Platform.Planning.Module.Features.Reports;

/// <summary>Section "Planning:Attachments": what may be attached to a progress report (checked by the shared UploadCheck).</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Planning:Attachments";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxPerReport { get; set; } = 10;

    /// <summary>Extensions accepted, each checked against the file's leading bytes where the format has a signature.</summary>
    public string[] AllowedExtensions { get; set; } = [".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".txt", ".zip"];
}
