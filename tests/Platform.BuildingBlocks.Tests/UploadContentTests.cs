using System.IO.Compression;
using System.Text;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Files;

namespace Platform.BuildingBlocks.Tests;

/// <summary>What the upload check finds past the leading bytes: hidden executables, containers that are not what they claim, text that is not text.</summary>
public sealed class UploadContentTests
{
    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string SheetMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static readonly string[] Allowed = [".pdf", ".docx", ".xlsx", ".zip", ".ofd", ".png", ".txt", ".mp3"];

    /// <summary>The smallest Windows executable header a loader follows: "MZ", e_lfanew at 0x3C, "PE\0\0" there.</summary>
    internal static byte[] PortableExecutable()
    {
        var exe = new byte[0x100];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';
        exe[0x3C] = 0x80;
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        return exe;
    }

    private static readonly byte[] Elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0];

    internal static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] ContentTypes(string mainType, string partName = "/word/document.xml", string extra = "") => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" + extra +
        $"<Override PartName=\"{partName}\" ContentType=\"{mainType}\"/></Types>");

    internal static byte[] Docx(params (string Name, byte[] Content)[] more) =>
        Zip([("[Content_Types].xml", ContentTypes(WordMain)), ("word/document.xml", "<w:document/>"u8.ToArray()), .. more]);

    private static string? Problem(string fileName, byte[] content, long maxBytes = 64 * 1024 * 1024)
    {
        var validator = new RequestValidator();
        var contentType = UploadCheck.Check(validator, "files[0].", fileName, content, Allowed, maxBytes);
        if (validator.IsValid)
        {
            Assert.NotNull(contentType);
            return null;
        }
        Assert.Null(contentType);
        var violation = Assert.Single(Assert.Throws<ValidationException>(validator.ThrowIfInvalid).Violations);
        Assert.Equal("files[0].content", violation.Field);
        return violation.Description;
    }

    [Fact]
    public void A_real_docx_xlsx_ofd_and_zip_pass()
    {
        Assert.Null(Problem("整改报告.docx", Docx(("word/media/image1.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]))));
        Assert.Null(Problem("台账.xlsx", Zip(("[Content_Types].xml", ContentTypes(SheetMain, "/xl/workbook.xml")), ("xl/workbook.xml", "<workbook/>"u8.ToArray()))));
        Assert.Null(Problem("公文.ofd", Zip(("OFD.xml", "<ofd:OFD/>"u8.ToArray()), ("Doc_0/Document.xml", "<ofd:Document/>"u8.ToArray()))));
        Assert.Null(Problem("材料.zip", Zip(("照片/现场1.png", [0x89, 0x50, 0x4E, 0x47]), ("说明.txt", "整改说明"u8.ToArray()))));
    }

    [Fact]
    public void A_package_giving_the_main_type_as_the_default_of_xml_passes_and_the_platforms_own_export_with_it()
    {
        // System.IO.Packaging (the Open XML SDK) writes the main part's type as <Default Extension="xml">, not as an Override.
        var byDefault = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            $"<Default Extension=\"xml\" ContentType=\"{SheetMain}\"/></Types>");
        Assert.Null(Problem("人员.xlsx", Zip(("[Content_Types].xml", byDefault), ("xl/workbook.xml", "<workbook/>"u8.ToArray()))));
        Assert.Contains("main part", Problem("人员.xlsx", Zip(("[Content_Types].xml", byDefault), ("xl/other.xml", "<workbook/>"u8.ToArray()))), StringComparison.Ordinal);
        var sheet = new Platform.BuildingBlocks.Documents.Spreadsheets.WorkbookSheet("人员", [new("姓名", 10)], [[Platform.BuildingBlocks.Documents.Spreadsheets.WorkbookCell.Plain("李明")]]);
        Assert.Null(Problem("导出.xlsx", Platform.BuildingBlocks.Documents.Spreadsheets.WorkbookWriter.ToBytes([sheet])));
    }

    [Theory]
    [InlineData("word/embeddings/setup.exe")]
    [InlineData("run.BAT")]
    [InlineData("scripts/payload.js")]
    public void A_container_holding_an_executable_by_name_is_refused(string entry)
    {
        Assert.Contains("executable", Problem("报告.docx", Docx((entry, "x"u8.ToArray()))), StringComparison.Ordinal);
        Assert.Contains("executable", Problem("材料.zip", Zip((entry, "x"u8.ToArray()))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_holding_an_executable_under_an_innocent_name_is_refused()
    {
        Assert.Contains("executable ('word/media/image1.png')", Problem("报告.docx", Docx(("word/media/image1.png", PortableExecutable()))), StringComparison.Ordinal);
        Assert.Contains("executable", Problem("材料.zip", Zip(("readme", Elf))), StringComparison.Ordinal);
    }

    [Fact]
    public void An_office_file_must_be_the_package_it_claims()
    {
        Assert.Contains("[Content_Types].xml", Problem("报告.docx", Zip(("word/document.xml", "<w:document/>"u8.ToArray()))), StringComparison.Ordinal);
        // A workbook renamed to .docx names a spreadsheet main part, not a document one.
        var workbook = Zip(("[Content_Types].xml", ContentTypes(SheetMain, "/xl/workbook.xml")), ("xl/workbook.xml", "<workbook/>"u8.ToArray()));
        Assert.Contains("main part", Problem("报告.docx", workbook), StringComparison.Ordinal);
        Assert.Contains("missing", Problem("报告.docx", Zip(("[Content_Types].xml", ContentTypes(WordMain)))), StringComparison.Ordinal);
        Assert.Contains("OFD.xml", Problem("公文.ofd", Zip(("Doc_0/Document.xml", "<x/>"u8.ToArray()))), StringComparison.Ordinal);
    }

    [Fact]
    public void Macros_are_refused_by_part_and_by_content_type()
    {
        Assert.Contains("macros", Problem("报告.docx", Docx(("word/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0]))), StringComparison.Ordinal);
        var macroTypes = Zip(("[Content_Types].xml", ContentTypes(WordMain, extra: "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>")),
            ("word/document.xml", "<w:document/>"u8.ToArray()));
        Assert.Contains("macros", Problem("报告.docx", macroTypes), StringComparison.Ordinal);
        var docm = Zip(("[Content_Types].xml", ContentTypes("application/vnd.ms-word.document.macroEnabled.main+xml")), ("word/document.xml", "<w:document/>"u8.ToArray()));
        Assert.Contains("macros", Problem("报告.docx", docm), StringComparison.Ordinal);
    }

    [Fact]
    public void A_content_types_part_with_a_dtd_is_refused_not_resolved()
    {
        var withDtd = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE Types [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Types>&x;</Types>");
        Assert.Contains("cannot be read", Problem("报告.docx", Zip(("[Content_Types].xml", withDtd), ("word/document.xml", "<w:document/>"u8.ToArray()))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_expansion()
    {
        var bomb = Zip(("sheet.xml", new byte[16 * 1024 * 1024]));
        Assert.True(bomb.Length < 64 * 1024);
        Assert.Contains("zip bomb", Problem("材料.zip", bomb), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var entries = Enumerable.Range(0, UploadCheck.MaxContainerEntries + 1).Select(i => ($"p/{i}.txt", Array.Empty<byte>())).ToArray();
        Assert.Contains($"at most {UploadCheck.MaxContainerEntries}", Problem("材料.zip", Zip(entries)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_zip_directory_is_refused_not_thrown()
    {
        byte[] broken = [.. "PK\u0003\u0004"u8.ToArray(), .. Enumerable.Repeat((byte)0x41, 200)];
        Assert.Contains("is not a .docx file", Problem("报告.docx", broken), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_exe_polyglot_is_refused_with_where_the_executable_starts()
    {
        var header = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nstream\n"u8.ToArray();
        byte[] polyglot = [.. header, .. PortableExecutable(), .. "\nendstream\n%%EOF\n"u8.ToArray()];
        Assert.Equal($"holds a Windows executable at byte {header.Length}", Problem("报告.pdf", polyglot));
        byte[] elfInImage = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Elf];
        Assert.Contains("ELF", Problem("照片.png", elfInImage), StringComparison.Ordinal);
        Assert.Contains("Windows executable", Problem("录音.mp3", [.. "ID3"u8.ToArray(), 3, 0, .. PortableExecutable()]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_with_an_executable_past_its_start_is_refused()
    {
        byte[] hidden = [.. Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("junk", 10))), .. PortableExecutable()];
        Assert.Equal("holds a Windows executable at byte 40 of 'notes.txt'", Problem("材料.zip", Zip(("notes.txt", hidden))));
        Assert.Contains("Windows executable", Problem("报告.docx", Docx(("word/media/image1.png", [0x89, 0x50, 0x4E, 0x47, .. hidden]))), StringComparison.Ordinal);
        byte[] elf = [.. "header"u8.ToArray(), .. Elf];
        Assert.Contains("ELF executable", Problem("材料.zip", Zip(("data.bin", elf))), StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_containers_are_opened_to_a_bounded_depth()
    {
        var inner = Zip(("run.exe", "x"u8.ToArray()));
        Assert.Equal("holds the executable 'inner.zip/run.exe'", Problem("材料.zip", Zip(("inner.zip", inner))));
        Assert.Contains("run.exe", Problem("报告.docx", Docx(("word/embeddings/oleObject1.bin", inner))), StringComparison.Ordinal);
        var innerPe = Zip(("photo.png", PortableExecutable()));
        Assert.Contains("executable", Problem("材料.zip", Zip(("a/b.dat", innerPe))), StringComparison.Ordinal);
        // A zip stored inside an embedded object's bytes (an OLE package, say), not at its start.
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[100], .. inner, .. new byte[50]];
        Assert.Contains("run.exe", Problem("报告.docx", Docx(("word/embeddings/oleObject1.bin", ole))), StringComparison.Ordinal);
        var deep = Zip(("ok.txt", "ok"u8.ToArray()));
        for (var i = 0; i < 5; i++)
        {
            deep = Zip(($"level{i}.zip", deep));
        }
        Assert.Contains("nested", Problem("材料.zip", deep), StringComparison.Ordinal);
        Assert.Null(Problem("材料.zip", Zip(("inner.zip", Zip(("说明.txt", "整改说明"u8.ToArray()))))));
    }

    [Fact]
    public void An_executable_header_far_into_the_file_is_found()
    {
        var pdf = new byte[80_000];
        "%PDF-1.7\n"u8.CopyTo(pdf);
        pdf[100] = (byte)'M';
        pdf[101] = (byte)'Z';
        BitConverter.GetBytes(70_000).CopyTo(pdf, 100 + 0x3C);
        "PE\0\0"u8.CopyTo(pdf.AsSpan(100 + 70_000));
        Assert.Equal("holds a Windows executable at byte 100", Problem("报告.pdf", pdf));
    }

    [Theory]
    [InlineData("a.reg")]
    [InlineData("a.apk")]
    [InlineData("a.html")]
    [InlineData("a.htm")]
    [InlineData("a.svg")]
    [InlineData("a.js")]
    [InlineData("a.jse")]
    [InlineData("a.wsf")]
    [InlineData("a.xhtml")]
    [InlineData("a.chm")]
    [InlineData("a.dll")]
    [InlineData("a.sys")]
    [InlineData("a.iso")]
    [InlineData("a.img")]
    [InlineData("dir/A.HTML")]
    public void Active_and_disk_image_names_are_refused_inside_containers(string entry)
    {
        Assert.Contains($"'{entry}'", Problem("材料.zip", Zip((entry, "x"u8.ToArray()))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_mz_without_a_pe_header_is_not_an_executable()
    {
        var image = new byte[4096];
        new Random(7).NextBytes(image);
        new byte[] { 0x89, 0x50, 0x4E, 0x47 }.CopyTo(image, 0);
        image[100] = (byte)'M';
        image[101] = (byte)'Z';
        image[100 + 0x3C] = 0x40;
        image[100 + 0x40] = (byte)'X';
        Assert.Null(Problem("照片.png", image));
    }

    [Fact]
    public void Text_in_utf8_gbk_and_utf16_passes()
    {
        Assert.Null(Problem("说明.txt", "整改说明\r\n\t第一条"u8.ToArray()));
        Assert.Null(Problem("说明.txt", [0xEF, 0xBB, 0xBF, .. "整改说明"u8.ToArray()]));
        Assert.Null(Problem("说明.txt", CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes("整改说明，第一条")));
        Assert.Null(Problem("说明.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("整改说明")]));
    }

    [Fact]
    public void Text_with_executable_or_control_bytes_is_refused()
    {
        Assert.Contains("Windows executable", Problem("说明.txt", PortableExecutable()), StringComparison.Ordinal);
        Assert.Contains("U+0000", Problem("说明.txt", "整改\0说明"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("U+001B", Problem("说明.txt", "\u001b[31m红字"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("not text", Problem("说明.txt", [0xC3, 0x28, 0x81, 0x7F]), StringComparison.Ordinal);
        Assert.Contains("not text", Problem("说明.txt", [0xFE, 0xFE, 0xFE, 0xFE]), StringComparison.Ordinal);
        Assert.Contains("not text", Problem("说明.txt", [0xFF, 0xFE, 0x00, 0xD8]), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_refusal_is_also_said_in_chinese_with_a_reason_code_and_never_the_english_alone()
    {
        (string Field, string? Reason, string? Chinese) Refusal(string name, byte[] content, long maxBytes = 1024)
        {
            var validator = new RequestValidator();
            Assert.Null(UploadCheck.Check(validator, "attachments[0].", name, content, Allowed, maxBytes));
            var violation = Assert.Single(validator.Violations);
            return (violation.Field, violation.Reason, violation.Chinese);
        }

        var type = Refusal("说明.exe", PortableExecutable());
        Assert.Equal(("attachments[0].file_name", "FILE_TYPE_NOT_ACCEPTED"), (type.Field, type.Reason));
        Assert.StartsWith("不接受 .exe 文件，请上传以下类型之一：.pdf .docx", type.Chinese, StringComparison.Ordinal);
        Assert.Equal(("attachments[0].content", "FILE_TOO_LARGE", "文件大小为 2 KB，超过上限 1 KB。"), Refusal("说明.txt", Encoding.UTF8.GetBytes(new string('a', 2048))));
        Assert.Equal("FILE_EMPTY", Refusal("说明.txt", []).Reason);
        var renamed = Refusal("报告.pdf", Encoding.UTF8.GetBytes("not a pdf"));
        Assert.Equal(("attachments[0].content", "FILE_FORMAT_MISMATCH"), (renamed.Field, renamed.Reason));
        var hidden = Refusal("报告.pdf", [.. "%PDF-1.7\n"u8.ToArray(), .. PortableExecutable()], 4096);
        Assert.Equal("FILE_CONTENT_REFUSED", hidden.Reason);
        Assert.Contains("未通过安全与格式检查", hidden.Chinese, StringComparison.Ordinal);
    }
}
