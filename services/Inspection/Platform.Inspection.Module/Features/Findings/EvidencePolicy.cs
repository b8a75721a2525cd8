using Platform.BuildingBlocks.Errors;

namespace Platform.Inspection.Module.Features.Findings;

/// <summary>Section "Inspection:Evidence": what may be attached to a finding as evidence.</summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Inspection:Evidence";

    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxPerFinding { get; set; } = 20;
}

/// <summary>
/// The evidence types accepted: documents, scans, photos and recordings an inspector collects.
/// Each is checked against its leading bytes, so a renamed executable is refused.
/// </summary>
internal static class EvidencePolicy
{
    private sealed record FileType(string ContentType, byte[]? Signature, int SignatureOffset = 0);

    private static readonly Dictionary<string, FileType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("application/pdf", "%PDF"u8.ToArray()),
        [".ofd"] = new("application/ofd", [0x50, 0x4B, 0x03, 0x04]),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04]),
        [".jpg"] = new("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".jpeg"] = new("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".png"] = new("image/png", [0x89, 0x50, 0x4E, 0x47]),
        [".mp3"] = new("audio/mpeg", null),
        [".mp4"] = new("video/mp4", "ftyp"u8.ToArray(), 4),
        [".txt"] = new("text/plain; charset=utf-8", null),
    };

    /// <summary>The content type of an acceptable file, or null after recording what is wrong.</summary>
    public static string? Check(RequestValidator validator, string? fileName, ReadOnlySpan<byte> content, EvidenceOptions options)
    {
        var name = Path.GetFileName(fileName?.Trim() ?? string.Empty);
        if (name.Length is 0 or > 255)
        {
            validator.Add("file_name", "must be a file name of 1 to 255 characters");
            return null;
        }
        if (!Types.TryGetValue(Path.GetExtension(name), out var type))
        {
            validator.Add("file_name", $"'{Path.GetExtension(name)}' files are not accepted as evidence; allowed: {string.Join(" ", Types.Keys)}");
            return null;
        }
        if (content.IsEmpty || content.Length > options.MaxBytes)
        {
            validator.Add("content", $"must hold 1 to {options.MaxBytes} bytes, got {content.Length}");
            return null;
        }
        if (type.Signature is { } signature &&
            (content.Length < type.SignatureOffset + signature.Length || !content[type.SignatureOffset..].StartsWith(signature)))
        {
            validator.Add("content", $"is not a {Path.GetExtension(name)} file");
            return null;
        }
        return type.ContentType;
    }
}
