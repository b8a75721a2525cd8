using Microsoft.AspNetCore.Components.Forms;

namespace Platform.WebConsole.Api;

/// <summary>A file the person picked, read over the circuit for an upload through the API.</summary>
public sealed record PickedFile(string Name, string ContentType, byte[] Content)
{
    /// <summary>What the console reads of one file; the API's own limit (often smaller) decides the rest.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    public const string TooLarge = "附件超过 20 MB";

    public static async Task<PickedFile> ReadAsync(IBrowserFile file, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await file.OpenReadStream(MaxBytes, cancellationToken).CopyToAsync(stream, cancellationToken);
        return new PickedFile(file.Name, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, stream.ToArray());
    }

    /// <summary>
    /// Reads the files picked into <paramref name="into"/> (cleared first); a file over the limit empties it
    /// again and answers the problem, named by the API's field for the files.
    /// </summary>
    public static async Task<ApiProblem?> ReadAllAsync(IEnumerable<IBrowserFile> picked, List<PickedFile> into, string field, CancellationToken cancellationToken = default)
    {
        into.Clear();
        foreach (var file in picked)
        {
            if (file.Size > MaxBytes)
            {
                into.Clear();
                return new ApiProblem("请修改标出的内容。", new Dictionary<string, string> { [field] = TooLarge + "：" + file.Name });
            }
            into.Add(await ReadAsync(file, cancellationToken));
        }
        return null;
    }
}
