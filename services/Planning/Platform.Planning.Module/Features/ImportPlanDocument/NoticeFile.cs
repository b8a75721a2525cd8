using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.BuildingBlocks.Text;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>The text of an uploaded notice: a Word document (.docx, the usual form of a notice) or a text file.</summary>
public static class NoticeFile
{
    public static string ReadText(ReadOnlyMemory<byte> content, string field)
    {
        // A .docx is a zip package; a text file never starts with the zip signature.
        if (!content.Span.StartsWith("PK\u0003\u0004"u8))
        {
            return TextDecoding.Decode(content.Span);
        }
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new ValidationException(field, "the .docx file has no document body");
            var text = new StringBuilder();
            // One line per paragraph (table cells included), as the parser reads lines.
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                foreach (var element in paragraph.Descendants())
                {
                    switch (element)
                    {
                        case Text run:
                            text.Append(run.Text);
                            break;
                        case TabChar:
                            text.Append(' ');
                            break;
                        case Break:
                            text.Append('\n');
                            break;
                    }
                }
                text.Append('\n');
            }
            return text.ToString();
        }
        catch (Exception exception) when (exception is OpenXmlPackageException or FileFormatException or InvalidDataException)
        {
            throw new ValidationException(field, "is neither a text file nor a readable .docx file");
        }
    }
}
