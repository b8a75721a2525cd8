using System.Text;

namespace Platform.BuildingBlocks.Text;

/// <summary>
/// Turns an uploaded text file into a string: UTF-8 (with or without BOM) when the bytes are
/// valid UTF-8, otherwise GBK, which many government sites and Excel exports on Chinese
/// Windows still produce.
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> Gbk = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GBK");
    });

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Gbk.Value.GetString(bytes);
        }
    }
}
