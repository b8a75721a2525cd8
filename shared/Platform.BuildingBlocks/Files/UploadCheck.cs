using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Files;

/// <summary>
/// The one check every service applies to an uploaded file before it is stored: a plain file name,
/// an extension the caller accepts, a size within the caller's limit, leading bytes that match the
/// extension's format (so a renamed executable is refused), no executable anywhere in the bytes (so a
/// PDF/EXE polyglot is refused too), containers whose parts are what the extension claims (no executables
/// or macros inside, bounded against zip bombs) and text files that are text. Callers choose which
/// extensions they accept; what each extension means (content type, signature, inspection) lives only here.
/// </summary>
public static class UploadCheck
{
    public const int MaxFileNameLength = 255;

    /// <summary>A known file type: its content type and, where the format has one, the signature at a byte offset.</summary>
    public sealed record FileType(string ContentType, byte[]? Signature, int SignatureOffset = 0);

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    private static readonly Dictionary<string, FileType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("application/pdf", "%PDF"u8.ToArray()),
        [".ofd"] = new("application/ofd", Zip),
        [".doc"] = new("application/msword", OleCompound),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xls"] = new("application/vnd.ms-excel", OleCompound),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".zip"] = new("application/zip", Zip),
        [".jpg"] = new("image/jpeg", Jpeg),
        [".jpeg"] = new("image/jpeg", Jpeg),
        [".png"] = new("image/png", [0x89, 0x50, 0x4E, 0x47]),
        // MP3 files start either with an ID3 tag or directly with a frame; no single signature fits both.
        [".mp3"] = new("audio/mpeg", null),
        [".mp4"] = new("video/mp4", "ftyp"u8.ToArray(), 4),
        [".txt"] = new("text/plain; charset=utf-8", null),
    };

    private static readonly Dictionary<string, ContentInspection.ContainerKind> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        [".zip"] = ContentInspection.ContainerKind.Zip,
        [".docx"] = ContentInspection.ContainerKind.Docx,
        [".xlsx"] = ContentInspection.ContainerKind.Xlsx,
        [".ofd"] = ContentInspection.ContainerKind.Ofd,
    };

    /// <summary>Entries a container may hold, and how far it may expand (per compressed byte, and in all).</summary>
    public const int MaxContainerEntries = ContentInspection.MaxEntries;

    public const int MaxContainerExpansionRatio = ContentInspection.MaxExpansionRatio;

    public const long MaxContainerExpandedBytes = ContentInspection.MaxExpandedBytes;

    /// <summary>Every extension this check knows (lower case, with the dot).</summary>
    public static IReadOnlyCollection<string> KnownExtensions => Types.Keys;

    /// <summary>The file name as stored: trimmed and without any directory part.</summary>
    public static string FileNameOf(string? fileName) => Path.GetFileName(fileName?.Trim() ?? string.Empty);

    /// <summary>The content type of a known extension, application/octet-stream otherwise.</summary>
    public static string ContentTypeOf(string fileName) =>
        Types.TryGetValue(Path.GetExtension(fileName), out var type) ? type.ContentType : "application/octet-stream";

    /// <summary>
    /// Checks one file; problems are added to <paramref name="validator"/> as <c>{fieldPrefix}file_name</c> or
    /// <c>{fieldPrefix}content</c> (for example "attachments[0].file_name"). Returns the content type of an
    /// acceptable file, or null when something was wrong.
    /// </summary>
    /// <param name="allowedExtensions">The extensions this caller accepts (with the dot, any case); unknown ones are never accepted.</param>
    public static string? Check(
        RequestValidator validator,
        string fieldPrefix,
        string? fileName,
        ReadOnlySpan<byte> content,
        IEnumerable<string> allowedExtensions,
        long maxBytes)
    {
        var name = FileNameOf(fileName);
        if (name.Length is 0 or > MaxFileNameLength)
        {
            validator.Add(fieldPrefix + "file_name", $"must be a file name of 1 to {MaxFileNameLength} characters",
                "FILE_NAME_INVALID", $"文件名须为 1 至 {MaxFileNameLength} 个字符。");
            return null;
        }
        var allowed = allowedExtensions.Select(e => e.Trim().ToLowerInvariant()).Where(Types.ContainsKey).Distinct().ToList();
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!allowed.Contains(extension) || !Types.TryGetValue(extension, out var type))
        {
            var shown = extension.Length == 0 ? "files without an extension are" : $"'{extension}' files are";
            validator.Add(fieldPrefix + "file_name", $"{shown} not accepted; allowed: {string.Join(" ", allowed)}",
                "FILE_TYPE_NOT_ACCEPTED", $"不接受{(extension.Length == 0 ? "无扩展名的" : " " + extension + " ")}文件，请上传以下类型之一：{string.Join(" ", allowed)}。");
            return null;
        }
        if (content.IsEmpty)
        {
            validator.Add(fieldPrefix + "content", "is empty", "FILE_EMPTY", "文件是空的，请重新选择。");
            return null;
        }
        if (content.Length > maxBytes)
        {
            validator.Add(fieldPrefix + "content", $"is {content.Length} bytes; at most {maxBytes} bytes are accepted",
                "FILE_TOO_LARGE", $"文件大小为 {Size(content.Length)}，超过上限 {Size(maxBytes)}。");
            return null;
        }
        if (type.Signature is { } signature &&
            (content.Length < type.SignatureOffset + signature.Length || !content[type.SignatureOffset..].StartsWith(signature)))
        {
            validator.Add(fieldPrefix + "content", $"is not a {extension} file",
                "FILE_FORMAT_MISMATCH", $"文件内容不是 {extension} 格式（可能是改了扩展名的其他文件），请上传原始文件。");
            return null;
        }
        if (InspectContent(extension, content) is { } problem)
        {
            validator.Add(fieldPrefix + "content", problem,
                "FILE_CONTENT_REFUSED", "文件未通过安全与格式检查（含可执行程序或宏、压缩异常或内容已损坏），未予接收。请检查文件后重新上传。");
            return null;
        }
        return type.ContentType;
    }

    /// <summary>A size as people read it: 3.5 MB, 200 KB, 12 字节.</summary>
    internal static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024d * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " 字节",
    };

    private static string? InspectContent(string extension, ReadOnlySpan<byte> content)
    {
        if (ContentInspection.FindExecutable(content) is { } executable)
        {
            return executable;
        }
        if (Containers.TryGetValue(extension, out var container))
        {
            return ContentInspection.CheckContainer(content.ToArray(), container, extension);
        }
        return extension == ".txt" ? ContentInspection.CheckText(content) : null;
    }
}
