using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Platform.BuildingBlocks.Files;

/// <summary>
/// What <see cref="UploadCheck"/> looks at beyond the leading bytes: executables hidden anywhere in a file,
/// the parts of a zip container (OOXML, OFD, plain zip) and whether a text file is text. Each check returns
/// what is wrong in the style of a field description, or null when the file passes.
/// </summary>
internal static class ContentInspection
{
    /// <summary>More entries than any real document or evidence bundle has; zip bombs use many.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Uncompressed bytes per compressed byte over the whole container; office XML stays well below.</summary>
    public const int MaxExpansionRatio = 100;

    /// <summary>An upper bound on what a container may expand to, whatever its ratio.</summary>
    public const long MaxExpandedBytes = 256L * 1024 * 1024;

    private const int MaxContentTypesBytes = 1024 * 1024;
    private const int EntryHeadBytes = 4096;

    private static readonly string[] ExecutableExtensions =
        [".exe", ".dll", ".sys", ".com", ".scr", ".pif", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".hta", ".jar", ".sh", ".elf", ".so", ".lnk", ".cpl", ".apk", ".reg", ".chm"];

    /// <summary>Not executables, but run or mounted when opened: web pages and images with script, disk images.</summary>
    private static readonly string[] ActiveExtensions =
        [".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml", ".svg", ".svgz", ".iso", ".img", ".vhd", ".vhdx", ".dmg"];

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictGbk = CodePagesEncodingProvider.Instance.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("GBK (code page 936) is not available.");

    /// <summary>
    /// An executable anywhere in the bytes: a DOS stub whose e_lfanew (at 0x3C) points at a "PE\0\0" header, or an
    /// ELF header with a valid class and byte order. Checking the header a loader would follow, rather than the bare
    /// "MZ", keeps compressed image and video data (where "MZ" occurs by chance) from being refused.
    /// </summary>
    public static string? FindExecutable(ReadOnlySpan<byte> content)
    {
        for (var at = content.IndexOfAny((byte)'M', (byte)0x7F); at >= 0 && at < content.Length;)
        {
            if (IsPortableExecutable(content, at))
            {
                return $"holds a Windows executable at byte {at}";
            }
            if (IsElf(content, at))
            {
                return $"holds an ELF executable at byte {at}";
            }
            var next = content[(at + 1)..].IndexOfAny((byte)'M', (byte)0x7F);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return null;
    }

    /// <summary>An executable at the very start (for entries of a container, where only the head is read).</summary>
    private static bool StartsAsExecutable(ReadOnlySpan<byte> head) =>
        IsPortableExecutable(head, 0) || IsElf(head, 0) || head.StartsWith("MZ"u8) ||
        head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) ||
        head.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]);

    private static bool IsPortableExecutable(ReadOnlySpan<byte> content, int at)
    {
        if (at + 0x40 > content.Length || content[at] != (byte)'M' || content[at + 1] != (byte)'Z')
        {
            return false;
        }
        var lfanew = BinaryPrimitives.ReadInt32LittleEndian(content[(at + 0x3C)..]);
        if (lfanew < 4 || (long)at + lfanew + 4 > content.Length)
        {
            return false;
        }
        return content[(at + lfanew)..].StartsWith("PE\0\0"u8);
    }

    private static bool IsElf(ReadOnlySpan<byte> content, int at) =>
        at + 16 <= content.Length && content[at..].StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F'])
        && content[at + 4] is 1 or 2 && content[at + 5] is 1 or 2 && content[at + 6] == 1;

    /// <summary>Text is text: UTF-8 (BOM optional), UTF-16 with a BOM, or GBK, and no control characters other than tab, line breaks and form feed.</summary>
    public static string? CheckText(ReadOnlySpan<byte> content)
    {
        var text = DecodeStrict(content);
        if (text is null)
        {
            return "is not text in UTF-8, GBK or UTF-16";
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                return $"holds the control character U+{(int)c:X4} at character {i}; a text file may hold only text";
            }
        }
        return null;
    }

    private static string? DecodeStrict(ReadOnlySpan<byte> content)
    {
        try
        {
            if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                return StrictUtf8.GetString(content[3..]);
            }
            if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            {
                return WellFormed(StrictUtf16Le.GetString(content[2..]));
            }
            if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                return WellFormed(StrictUtf16Be.GetString(content[2..]));
            }
        }
        catch (Exception ex) when (ex is DecoderFallbackException or EncoderFallbackException)
        {
            return null;
        }
        foreach (var encoding in new[] { StrictUtf8, StrictGbk })
        {
            try
            {
                var text = WellFormed(encoding.GetString(content));
                // Code page 936 maps its user-defined areas to private use, which lets most random bytes pass for GBK.
                if (encoding == StrictGbk && text.Any(c => c is >= '\uE000' and <= '\uF8FF'))
                {
                    return null;
                }
                return text;
            }
            catch (Exception ex) when (ex is DecoderFallbackException or EncoderFallbackException)
            {
                // Try the next encoding.
            }
        }
        return null;
    }

    /// <summary>The decoders let a lone surrogate at the very end through; encoding strictly again catches it.</summary>
    private static string WellFormed(string text)
    {
        StrictUtf8.GetByteCount(text);
        return text;
    }

    /// <summary>What a zip container must hold (and must not) for its extension.</summary>
    public enum ContainerKind
    {
        Zip,
        Docx,
        Xlsx,
        Ofd,
    }

    /// <summary>How deep containers may nest (a zip in a zip in a document); deeper is refused, not followed.</summary>
    public const int MaxNesting = 3;

    /// <summary>The expansion allowance of one upload, shared by the container and every container nested in it.</summary>
    private sealed class Budget(long limit)
    {
        public long Limit { get; } = limit;

        public long Expanded { get; set; }
    }

    public static string? CheckContainer(byte[] content, ContainerKind kind, string extension)
    {
        var budget = new Budget(Math.Min(MaxExpandedBytes, Math.Max(content.LongLength, 1) * MaxExpansionRatio));
        return CheckArchive(content, 0, kind, extension, string.Empty, 0, budget);
    }

    private static string? CheckArchive(byte[] content, int offset, ContainerKind kind, string extension, string prefix, int depth, Budget budget)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(content, offset, content.Length - offset, writable: false), ZipArchiveMode.Read);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException or NotSupportedException)
        {
            return depth == 0 ? $"is not a {extension} file (its zip directory cannot be read)" : null;
        }
        using (archive)
        {
            try
            {
                return CheckEntries(archive, kind, extension, prefix, depth, budget);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or XmlException or ArgumentException)
            {
                return depth == 0
                    ? $"is not a {extension} file (a part cannot be read)"
                    : $"holds a container that cannot be read ('{Shorten(prefix.TrimEnd('/'))}')";
            }
        }
    }

    private static string? CheckEntries(ZipArchive archive, ContainerKind kind, string extension, string prefix, int depth, Budget budget)
    {
        if (archive.Entries.Count > MaxEntries)
        {
            return $"holds {archive.Entries.Count} entries; at most {MaxEntries} are accepted";
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        byte[]? contentTypes = null;
        var buffer = new byte[64 * 1024];
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            names.Add(name);
            var shown = prefix + name;
            if (RefusedNameProblem(shown) is { } refused)
            {
                return refused;
            }
            if (kind is ContainerKind.Docx or ContainerKind.Xlsx && IsMacroPart(name))
            {
                return $"holds macros ('{Shorten(shown)}'); save it as {extension} without macros";
            }
            var isContentTypes = depth == 0 && name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase) && kind is ContainerKind.Docx or ContainerKind.Xlsx;
            // Declared sizes can lie, so the entry is read and counted as it expands; it is kept whole, because an
            // executable (or a container) may sit anywhere in it.
            using var stream = entry.Open();
            using var kept = new MemoryStream();
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                budget.Expanded += read;
                if (budget.Expanded > budget.Limit)
                {
                    return $"expands to more than {budget.Limit} bytes; it looks like a zip bomb";
                }
                if (isContentTypes && kept.Length + read > MaxContentTypesBytes)
                {
                    return "has a [Content_Types].xml too large to be real";
                }
                kept.Write(buffer, 0, read);
            }
            var bytes = kept.GetBuffer().AsSpan(0, (int)kept.Length);
            if (StartsAsExecutable(bytes[..Math.Min(bytes.Length, EntryHeadBytes)]))
            {
                return $"holds an executable ('{Shorten(shown)}')";
            }
            if (FindExecutable(bytes) is { } executable)
            {
                return $"{executable} of '{Shorten(shown)}'";
            }
            if (CheckNested(kept.GetBuffer(), (int)kept.Length, shown, depth, budget) is { } nested)
            {
                return nested;
            }
            if (isContentTypes)
            {
                contentTypes = kept.ToArray();
            }
        }
        return kind switch
        {
            ContainerKind.Docx => CheckOfficeParts(contentTypes, names, extension,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "word/document.xml"),
            ContainerKind.Xlsx => CheckOfficeParts(contentTypes, names, extension,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml"),
            ContainerKind.Ofd => names.Contains("OFD.xml") ? null : "is not an .ofd file (it has no OFD.xml)",
            _ => null,
        };
    }

    /// <summary>
    /// A zip inside an entry, at its start (a zip, .docx or .xlsx in a zip, an embedded package) or further in (an OLE
    /// object wrapping one): every local header's name is checked, and the first zip is opened and checked like the outer one.
    /// </summary>
    private static string? CheckNested(byte[] content, int length, string shown, int depth, Budget budget)
    {
        var span = content.AsSpan(0, length);
        var first = -1;
        for (var at = span.IndexOf(LocalHeader); at >= 0;)
        {
            first = first < 0 ? at : first;
            if (at + 30 <= span.Length)
            {
                var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 26)..]);
                if (at + 30 + nameLength <= span.Length)
                {
                    var inner = Encoding.UTF8.GetString(span.Slice(at + 30, nameLength)).Replace('\\', '/');
                    if (RefusedNameProblem(shown + "/" + inner) is { } refused)
                    {
                        return depth + 1 > MaxNesting ? $"holds containers nested more than {MaxNesting} deep ('{Shorten(shown)}')" : refused;
                    }
                }
            }
            var next = span[(at + 4)..].IndexOf(LocalHeader);
            at = next < 0 ? -1 : at + 4 + next;
        }
        if (first < 0)
        {
            return null;
        }
        if (depth + 1 > MaxNesting)
        {
            return $"holds containers nested more than {MaxNesting} deep ('{Shorten(shown)}')";
        }
        return CheckArchive(content[..length], first, ContainerKind.Zip, ".zip", shown + "/", depth + 1, budget);
    }

    private static ReadOnlySpan<byte> LocalHeader => [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Names no container may hold: executables and scripts, and files a browser or the system would run or mount.</summary>
    private static string? RefusedNameProblem(string name)
    {
        var extension = Path.GetExtension(name);
        if (ExecutableExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return $"holds the executable '{Shorten(name)}'";
        }
        return ActiveExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase)
            ? $"holds '{Shorten(name)}', a kind of file refused inside containers (web pages, scripts, installers, disk images)"
            : null;
    }

    private static bool IsMacroPart(string name) =>
        name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || name.EndsWith("vbaData.xml", StringComparison.OrdinalIgnoreCase)
        || name.Contains("/activeX/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An OOXML package is what it claims: [Content_Types].xml names the main part of that type, the part exists, and no type is macro-enabled.
    /// Excel names the main part in an Override; packages written with System.IO.Packaging (the Open XML SDK, so this platform's
    /// own exports) give it as the Default of its extension instead, which counts when the conventional main part has that extension.
    /// </summary>
    private static string? CheckOfficeParts(byte[]? contentTypes, HashSet<string> names, string extension, string mainType, string conventionalMainPart)
    {
        if (contentTypes is null)
        {
            return $"is not a {extension} file (it has no [Content_Types].xml)";
        }
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxContentTypesBytes };
        string? mainPart = null;
        using (var reader = XmlReader.Create(new MemoryStream(contentTypes), settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                var type = reader.GetAttribute("ContentType") ?? string.Empty;
                if (type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase))
                {
                    return $"holds macros ({type}); save it as {extension} without macros";
                }
                if (reader.LocalName == "Override" && type == mainType)
                {
                    mainPart = reader.GetAttribute("PartName");
                }
                else if (reader.LocalName == "Default" && type == mainType && mainPart is null
                    && conventionalMainPart.EndsWith("." + reader.GetAttribute("Extension"), StringComparison.OrdinalIgnoreCase))
                {
                    mainPart = conventionalMainPart;
                }
            }
        }
        if (mainPart is null)
        {
            return $"is not a {extension} file (its [Content_Types].xml names no {extension} main part)";
        }
        return names.Contains(mainPart.TrimStart('/')) ? null : $"is not a {extension} file (its main part {Shorten(mainPart)} is missing)";
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
