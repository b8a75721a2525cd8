using Platform.BuildingBlocks.Documents.Word;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>
/// A document as .docx in the official layout (GB/T 9704-2012, see <see cref="OfficialDocumentBuilder"/>):
/// the issuing office in red at the head, the 文号 over a red rule, the title, the addressee,
/// the body, issuer and date on the right, and the 抄送 line between two rules at the end.
/// </summary>
public static class DocxWriter
{
    public static byte[] Write(RenderedDocument document, string issuingOffice)
    {
        var builder = new OfficialDocumentBuilder(document.Title, document.Issuer)
            .IssuingOfficeMark(issuingOffice)
            .DocumentNumber(document.Number)
            .Title(document.Title);
        if (document.Addressee.Length > 0)
        {
            builder.FlushLeft(document.Addressee + "：");
        }

        foreach (var paragraph in DocumentHtml.BodyParagraphs(document))
        {
            builder.Body(paragraph);
        }

        builder.Signature(document.Issuer, document.IssuedOn);
        if (document.CopyTo.Length > 0)
        {
            builder.CopyTo(document.CopyTo);
        }

        return builder.ToBytes();
    }
}
