using System.Net;
using System.Text;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>A document as HTML for the inbox, in the same order as the paper layout.</summary>
public static class DocumentHtml
{
    public static string Render(RenderedDocument document, string issuingOffice)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder(document.Body.Length * 2 + 1024);
        html.Append("<article class=\"official-document\" lang=\"zh-CN\">");
        html.Append("<header><h1 class=\"issuing-office\" style=\"color:#c00;text-align:center\">").Append(E(issuingOffice)).Append("</h1>");
        html.Append("<p class=\"document-number\" style=\"text-align:center\">").Append(E(document.Number)).Append("</p>");
        html.Append("<hr style=\"border:0;border-top:2px solid #c00\"/></header>");
        html.Append("<h2 class=\"title\" style=\"text-align:center\">").Append(E(document.Title)).Append("</h2>");
        if (document.Addressee.Length > 0)
        {
            html.Append("<p class=\"addressee\">").Append(E(document.Addressee)).Append("：</p>");
        }
        foreach (var paragraph in BodyParagraphs(document))
        {
            html.Append("<p class=\"body\" style=\"text-indent:2em\">").Append(E(paragraph)).Append("</p>");
        }
        html.Append("<p class=\"issuer\" style=\"text-align:right\">").Append(E(document.Issuer)).Append("</p>");
        html.Append("<p class=\"date\" style=\"text-align:right\">").Append(E(document.IssuedOnText)).Append("</p>");
        if (document.CopyTo.Length > 0)
        {
            html.Append("<footer><p class=\"copy-to\">抄送：").Append(E(document.CopyTo)).Append("。</p></footer>");
        }
        html.Append("</article>");
        return html.ToString();
    }

    /// <summary>The body as paragraphs: one per line of the rendered template.</summary>
    public static IEnumerable<string> BodyParagraphs(RenderedDocument document) =>
        document.Body.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
