namespace Platform.Testing;

/// <summary>Files the tests upload where the content does not matter, only that the upload check accepts it.</summary>
public static class TestFiles
{
    /// <summary>The smallest PDF the upload check takes for a PDF (header, one object, trailer, end marker).</summary>
    public static byte[] Pdf => "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"u8.ToArray();
}
