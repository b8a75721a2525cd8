using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Files;

namespace Platform.BuildingBlocks.Tests;

public sealed class UploadCheckTests
{
    private static readonly string[] Documents = [".pdf", ".docx", ".png", ".txt", ".mp4"];
    private static readonly byte[] Pdf = "%PDF-1.7\n"u8.ToArray();

    private static (string? ContentType, IReadOnlyList<FieldViolation> Violations) Run(
        string? fileName, byte[] content, string prefix = "files[2].", long maxBytes = 1024, string[]? allowed = null)
    {
        var validator = new RequestValidator();
        var contentType = UploadCheck.Check(validator, prefix, fileName, content, allowed ?? Documents, maxBytes);
        if (validator.IsValid)
        {
            return (contentType, []);
        }
        var error = Assert.Throws<ValidationException>(validator.ThrowIfInvalid);
        return (contentType, error.Violations);
    }

    [Theory]
    [InlineData("整改报告.pdf", "application/pdf")]
    [InlineData("  材料/子目录/整改报告.PDF ", "application/pdf")]
    [InlineData("说明.txt", "text/plain; charset=utf-8")]
    public void An_acceptable_file_yields_its_content_type(string fileName, string expected)
    {
        var content = fileName.EndsWith(".txt", StringComparison.Ordinal) ? "整改说明"u8.ToArray() : Pdf;
        var (contentType, violations) = Run(fileName, content);
        Assert.Empty(violations);
        Assert.Equal(expected, contentType);
    }

    [Fact]
    public void A_signature_at_an_offset_is_found_there()
    {
        byte[] mp4 = [0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray()];
        Assert.Equal("video/mp4", Run("现场录像.mp4", mp4).ContentType);
        var (contentType, violations) = Run("现场录像.mp4", "ftyp"u8.ToArray());
        Assert.Null(contentType);
        Assert.Equal("files[2].content", Assert.Single(violations).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("folder/")]
    public void A_missing_file_name_is_named(string fileName)
    {
        var (contentType, violations) = Run(fileName, Pdf);
        Assert.Null(contentType);
        Assert.Equal("files[2].file_name", Assert.Single(violations).Field);
    }

    [Fact]
    public void A_file_name_longer_than_255_characters_is_refused()
    {
        var violation = Assert.Single(Run(new string('长', 252) + ".pdf", Pdf).Violations);
        Assert.Equal("files[2].file_name", violation.Field);
        Assert.Contains("255", violation.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("报表.xlsx")]
    [InlineData("无扩展名")]
    public void An_extension_the_caller_does_not_allow_is_refused_and_the_allowed_ones_listed(string fileName)
    {
        var violation = Assert.Single(Run(fileName, Pdf).Violations);
        Assert.Equal("files[2].file_name", violation.Field);
        Assert.Contains(".pdf .docx .png .txt .mp4", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extension_the_check_does_not_know_is_never_accepted_even_when_allowed()
    {
        var (contentType, violations) = Run("程序.exe", [0x4D, 0x5A], allowed: [".exe", ".pdf"]);
        Assert.Null(contentType);
        var violation = Assert.Single(violations);
        Assert.Equal("files[2].file_name", violation.Field);
        Assert.DoesNotContain(".exe", violation.Description.Split("allowed:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_too_large_contents_are_named_with_the_limit()
    {
        Assert.Equal("files[2].content", Assert.Single(Run("a.pdf", []).Violations).Field);
        var tooLarge = Assert.Single(Run("a.pdf", [.. Pdf, .. new byte[1024]], maxBytes: 1024).Violations);
        Assert.Equal("files[2].content", tooLarge.Field);
        Assert.Contains("1024", tooLarge.Description, StringComparison.Ordinal);
        Assert.Empty(Run("a.pdf", [.. Pdf, .. new byte[1024 - Pdf.Length]], maxBytes: 1024).Violations);
    }

    [Theory]
    [InlineData("伪装.pdf")]
    [InlineData("伪装.png")]
    [InlineData("伪装.docx")]
    public void Leading_bytes_that_do_not_match_the_extension_are_refused(string fileName)
    {
        var violation = Assert.Single(Run(fileName, [0x4D, 0x5A, 0x90, 0x00, 0x03]).Violations);
        Assert.Equal("files[2].content", violation.Field);
        Assert.Contains(Path.GetExtension(fileName), violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_prefix_the_bare_field_names_are_used()
    {
        Assert.Equal("file_name", Assert.Single(Run("a.exe", Pdf, prefix: string.Empty).Violations).Field);
    }

    [Theory]
    [InlineData("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("A.JPG", "image/jpeg")]
    [InlineData("a.unknown", "application/octet-stream")]
    public void Content_types_come_from_the_one_table(string fileName, string expected) =>
        Assert.Equal(expected, UploadCheck.ContentTypeOf(fileName));
}
