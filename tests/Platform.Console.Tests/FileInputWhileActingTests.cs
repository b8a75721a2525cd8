using AngleSharp.Dom;
using Bunit;
using Platform.WebConsole.Api;

namespace Platform.WebConsole.Tests;

/// <summary>
/// A file picked while the page's one action is under way would be refused without a word (<see cref="PageWork"/> runs one
/// action at a time, and reading a picked file is one): the file input is disabled for as long as an action runs.
/// </summary>
public sealed class FileInputWhileActingTests : BunitContext
{
    [Fact]
    public async Task The_unit_file_input_is_disabled_while_an_import_is_under_way_and_free_again_after_it()
    {
        await using var node = new SilentNode();
        Services.AddNodeApi(new NobodySignedIn(), node.Address);
        JSInterop.Mode = JSRuntimeMode.Loose;
        var page = Render<Platform.WebConsole.Components.Pages.Units>();
        IElement FileInput() => page.Find("[data-testid=unit-file]");
        Assert.False(FileInput().HasAttribute("disabled"));

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText("名称,类型\n成都市审计局,部门\n", "units.csv"));
        page.WaitForAssertion(() => Assert.Contains("units.csv", page.Find("[data-testid=unit-import]").TextContent));
        Assert.False(FileInput().HasAttribute("disabled"));

        var callsBefore = node.Calls;
        var import = page.Find("form[aria-label='批量导入单位']").SubmitAsync();
        page.WaitForAssertion(() => Assert.True(FileInput().HasAttribute("disabled")));
        // The import's call is out before the node goes away (hanging up earlier would fail it before it was sent).
        using (var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (node.Calls <= callsBefore)
            {
                await Task.Delay(20, waiting.Token);
            }
        }

        node.HangUp();
        await import.WaitAsync(TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.False(FileInput().HasAttribute("disabled")));
    }
}
