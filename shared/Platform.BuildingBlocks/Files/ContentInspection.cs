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
        [".exe", ".dll", ".com", ".scr", ".pif", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".hta", ".jar", ".sh", ".elf", ".so", ".lnk", ".cpl"];

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
        if (lfanew < 4 || lfanew > 64 * 1024 || (long)at + lfanew + 4 > content.Length)
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

    public static string? CheckContainer(byte[] content, ContainerKind kind, string extension)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException or NotSupportedException)
        {
            return $"is not a {extension} file (its zip directory cannot be read)";
        }
        using (archive)
        {
            try
            {
                return CheckEntries(archive, content.LongLength, kind, extension);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or XmlException or ArgumentException)
            {
                return $"is not a {extension} file (a part cannot be read)";
            }
        }
    }

    private static string? CheckEntries(ZipArchive archive, long containerBytes, ContainerKind kind, string extension)
    {
        if (archive.Entries.Count > MaxEntries)
        {
            return $"holds {archive.Entries.Count} entries; at most {MaxEntries} are accepted";
        }
        var limit = Math.Min(MaxExpandedBytes, Math.Max(containerBytes, 1) * MaxExpansionRatio);
        long expanded = 0;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        byte[]? contentTypes = null;
        var buffer = new byte[64 * 1024];
        var head = new byte[EntryHeadBytes];
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            names.Add(name);
            if (ExecutableExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
            {
                return $"holds the executable '{Shorten(name)}'";
            }
            if (kind is ContainerKind.Docx or ContainerKind.Xlsx && IsMacroPart(name))
            {
                return $"holds macros ('{Shorten(name)}'); save it as {extension} without macros";
            }
            // Declared sizes can lie, so the entry is read and counted as it expands.
            using var stream = entry.Open();
            var headLength = 0;
            var keepAll = name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase) && kind is ContainerKind.Docx or ContainerKind.Xlsx;
            using var kept = keepAll ? new MemoryStream() : null;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                expanded += read;
                if (expanded > limit)
                {
                    return $"expands to more than {limit} bytes; it looks like a zip bomb";
                }
                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }
                if (kept is not null)
                {
                    if (kept.Length + read > MaxContentTypesBytes)
                    {
                        return "has a [Content_Types].xml too large to be real";
                    }
                    kept.Write(buffer, 0, read);
                }
            }
            if (StartsAsExecutable(head.AsSpan(0, headLength)))
            {
                return $"holds an executable ('{Shorten(name)}')";
            }
            if (kept is not null)
            {
                contentTypes = kept.ToArray();
            }
        }
        return kind switch
        {
            ContainerKind.Docx => CheckOfficeParts(contentTypes, names, extension,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
            ContainerKind.Xlsx => CheckOfficeParts(contentTypes, names, extension,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            ContainerKind.Ofd => names.Contains("OFD.xml") ? null : "is not an .ofd file (it has no OFD.xml)",
            _ => null,
        };
    }

    private static bool IsMacroPart(string name) =>
        name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || name.EndsWith("vbaData.xml", StringComparison.OrdinalIgnoreCase)
        || name.Contains("/activeX/", StringComparison.OrdinalIgnoreCase);

    /// <summary>An OOXML package is what it claims: [Content_Types].xml names the main part of that type, the part exists, and no type is macro-enabled.</summary>
    private static string? CheckOfficeParts(byte[]? contentTypes, HashSet<string> names, string extension, string mainType)
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
