using System.Buffers;
using System.Text;

namespace Platform.BuildingBlocks.Text;

/// <summary>
/// Turns the bytes of an uploaded text file (a notice, a CSV) into text: UTF-8 (with or without BOM), else GBK, read as
/// GB18030 (code page 54936): a superset of GBK that reads every GBK file the same and also the characters GBK lacks
/// (rare name characters such as 𠮷, written in four bytes).
/// </summary>
public static class TextDecoding
{
    private const int Gb18030CodePage = 54936;

    // Taken from the provider directly so that decoding does not depend on (or change) the process-wide encoding registry.
    private static readonly Encoding Gbk = CodePagesEncodingProvider.Instance.GetEncoding(
        Gb18030CodePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"))
        ?? throw new InvalidOperationException("GB18030 (code page 54936) is not available.");

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8.GetString(bytes[3..]);
        }
        // Notepad's "Unicode" save: cheap to support, and otherwise it would come out as garbage.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        var (validMultiByte, invalid) = ScanUtf8(bytes);
        // A cut or slightly damaged UTF-8 file is still UTF-8: GBK would accept most of it and turn it all into mojibake.
        if (invalid == 0 || invalid * 10 <= validMultiByte)
        {
            return Utf8.GetString(bytes);
        }

        var gbk = Gbk.GetString(bytes);
        var gbkInvalid = CountSuspicious(gbk);
        if (gbkInvalid == 0)
        {
            return gbk;
        }
        // Neither fits: give whichever reading lost fewer characters.
        return gbkInvalid < invalid ? gbk : Utf8.GetString(bytes);
    }

    private static (int ValidMultiByte, int Invalid) ScanUtf8(ReadOnlySpan<byte> bytes)
    {
        var valid = 0;
        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                if (consumed > 1)
                {
                    valid++;
                }
            }
            else
            {
                invalid++;
            }
            bytes = bytes[Math.Max(consumed, 1)..];
        }
        return (valid, invalid);
    }

    /// <summary>
    /// Undecodable bytes, plus private-use characters: GBK's user-defined areas are read there, so random
    /// bytes would otherwise pass for GBK, while real notices never use them.
    /// </summary>
    private static int CountSuspicious(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c is '\uFFFD' or (>= '\uE000' and <= '\uF8FF'))
            {
                count++;
            }
        }
        return count;
    }
}
