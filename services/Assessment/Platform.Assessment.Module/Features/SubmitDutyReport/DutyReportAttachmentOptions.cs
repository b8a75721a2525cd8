using System.ComponentModel.DataAnnotations;

namespace Platform.Assessment.Module.Features.SubmitDutyReport;

/// <summary>Section "Assessment:Attachments": what may be attached to a duty report (checked by the shared UploadCheck).</summary>
public sealed class DutyReportAttachmentOptions
{
    public const string SectionName = "Assessment:Attachments";

    /// <summary>
    /// The most a limit may be: a request (gRPC message or REST body) is capped at 16 MiB before any handler sees it, and
    /// over REST a file travels as base64 (four bytes for three). 11 MiB of files is 14.7 MiB of base64, which leaves room
    /// for the report's text (50,000 characters) and fields, so a report under the limit always reaches the check that
    /// names the field and the limit.
    /// </summary>
    public const int MaxFitting = 11 * 1024 * 1024;

    /// <summary>The most one file, and all the files of one report together, may hold.</summary>
    [Range(1, MaxFitting)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1, 50)]
    public int MaxPerReport { get; set; } = 10;

    /// <summary>Reports given at a meeting or through new media come as slides, pictures or video.</summary>
    public string[] AllowedExtensions { get; set; } = [".pdf", ".ofd", ".doc", ".docx", ".jpg", ".jpeg", ".png", ".mp4"];

}
