using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.BuildingBlocks.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>
/// The text of an uploaded notice: a Word document (.docx, the usual form of a notice), a PDF with a text layer, or a
/// text file.
/// </summary>
public static class NoticeFile
{
    public static string ReadText(ReadOnlyMemory<byte> content, string field)
    {
        if (content.Span.StartsWith("%PDF-"u8))
        {
            return ReadPdf(content, field);
        }
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

    /// <summary>
    /// One line per printed line, in the order the page draws them. A paragraph that wraps comes back as several
    /// lines; the parser joins a task's continuation lines as it does for a pasted page, so no layout guess is made here.
    /// </summary>
    private static string ReadPdf(ReadOnlyMemory<byte> content, string field)
    {
        var text = new StringBuilder();
        try
        {
            using var document = PdfDocument.Open(content.ToArray());
            foreach (var page in document.GetPages())
            {
                AppendLines(page, text);
            }
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // PdfPig reports a damaged file through many exception types, not only PdfDocumentFormatException; all
            // mean the same to the clerk.
            throw new ValidationException(field, "is not a readable PDF file");
        }
        if (text.ToString().All(char.IsWhiteSpace))
        {
            throw new ValidationException(field, "the PDF file has no text layer (a scanned notice must be typed or run through OCR first)");
        }
        return text.ToString();
    }

    private static void AppendLines(Page page, StringBuilder text)
    {
        Letter? previous = null;
        foreach (var letter in page.Letters)
        {
            if (previous is not null && StartsNewLine(previous, letter))
            {
                text.Append('\n');
            }
            text.Append(letter.Value);
            previous = letter;
        }
        text.Append('\n');
    }

    /// <summary>A letter starts a new line when its baseline moves by more than half its height, or it goes back left.</summary>
    private static bool StartsNewLine(Letter previous, Letter letter)
    {
        var size = Math.Max(Math.Max(previous.PointSize, letter.PointSize), 1);
        var moved = Math.Abs(previous.StartBaseLine.Y - letter.StartBaseLine.Y) > size / 2;
        var back = letter.StartBaseLine.X < previous.StartBaseLine.X - size * 2;
        return moved || back;
    }
}
