using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Platform.BuildingBlocks.Files;

/// <summary>
/// How every service hands a stored file to a browser: always as an attachment (never rendered in the
/// platform's origin, whatever the file holds), with nosniff so the declared type is the only one a browser
/// uses, and a file name stripped of anything that could break the header or mislead the reader.
/// </summary>
public static class FileDownload
{
    private const string Fallback = "download";

    public static IResult Attachment(byte[] content, string contentType, string fileName) =>
        new AttachmentResult(Results.File(content, contentType, SafeFileName(fileName)));

    /// <summary>
    /// The name as sent in Content-Disposition: no directory part, no control, format (bidirectional,
    /// zero-width) or separator characters, no quotes or backslashes; ASP.NET writes it as filename= with an
    /// ASCII fallback and as RFC 5987 filename*=UTF-8''… for the Chinese original.
    /// </summary>
    public static string SafeFileName(string? fileName)
    {
        var name = UploadCheck.FileNameOf(fileName?.Replace('\\', '/'));
        var safe = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                    or UnicodeCategory.OtherNotAssigned
                || rune.Value is '"' or '\\' or '/' or ';' or '%' or '*')
            {
                continue;
            }
            safe.Append(rune.ToString());
        }
        var trimmed = safe.ToString().Trim().TrimStart('.');
        return trimmed.Length == 0 ? Fallback : trimmed;
    }

    private sealed class AttachmentResult(IResult file) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return file.ExecuteAsync(httpContext);
        }
    }
}
