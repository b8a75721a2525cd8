using Platform.BuildingBlocks.Errors;

namespace Platform.Planning.Module.Features.Reports;

/// <summary>Section "Planning:Attachments": what may be attached to a progress report.</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Planning:Attachments";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxPerReport { get; set; } = 10;

    /// <summary>Extensions accepted, each checked against the file's leading bytes where the format has a signature.</summary>
    public string[] AllowedExtensions { get; set; } = [".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".txt", ".zip"];
}

/// <summary>Checks an attachment's name, size and type before it is stored.</summary>
internal static class AttachmentPolicy
{
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public static void Check(RequestValidator validator, string prefix, string? fileName, ReadOnlySpan<byte> content, AttachmentOptions options)
    {
        var name = Path.GetFileName(fileName?.Trim() ?? string.Empty);
        if (name.Length == 0 || name.Length > 255)
        {
            validator.Add(prefix + "file_name", "must be a file name of 1 to 255 characters");
            return;
        }
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!options.AllowedExtensions.Contains(extension))
        {
            validator.Add(prefix + "file_name", $"'{extension}' files are not accepted; allowed: {string.Join(" ", options.AllowedExtensions)}");
            return;
        }
        if (content.Length == 0)
        {
            validator.Add(prefix + "content", "is empty");
            return;
        }
        if (content.Length > options.MaxBytes)
        {
            validator.Add(prefix + "content", $"is {content.Length} bytes; at most {options.MaxBytes} bytes are accepted");
            return;
        }
        byte[]? signature = extension switch
        {
            ".pdf" => Pdf,
            ".docx" or ".xlsx" or ".zip" or ".ofd" => Zip,
            ".doc" or ".xls" => OleCompound,
            ".png" => Png,
            ".jpg" or ".jpeg" => Jpeg,
            _ => null,
        };
        if (signature is not null && !content.StartsWith(signature))
        {
            validator.Add(prefix + "content", $"is not a {extension} file");
        }
    }

    public static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".ofd" => "application/ofd",
        ".doc" => "application/msword",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xls" => "application/vnd.ms-excel",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".txt" => "text/plain; charset=utf-8",
        ".zip" => "application/zip",
        _ => "application/octet-stream",
    };
}
