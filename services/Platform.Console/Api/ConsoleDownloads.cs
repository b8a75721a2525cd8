using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.WebConsole.Api;

/// <summary>
/// The API's file downloads (.docx letters, .xlsx ledgers, evidence files) for a person in the
/// browser: <c>/downloads/api/…</c> fetches the same path from the node's API with the session's
/// token, so the API decides who gets which file and the token never reaches the page's scripts.
/// </summary>
public static partial class ConsoleDownloads
{
    public const string Prefix = "/downloads";

    /// <summary>The console's link to one of the API's download paths (<c>/api/…</c>).</summary>
    public static string Link(string apiPath) => Prefix + apiPath;

    /// <summary>A person's dossier (法治档案) as .docx: the API answers it over gRPC only (ExportDossier), not as a REST file.</summary>
    public const string DossierPrefix = "/dossier-export/";

    public static string DossierLink(string personId) => DossierPrefix + Uri.EscapeDataString(personId);

    /// <summary>A file's size as the pages show it next to its link.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };

    /// <summary>Only the API's file downloads pass: GET paths that end in a file (content, docx, workbook).</summary>
    public static bool IsDownloadPath(string path) => DownloadPath().IsMatch(path);

    public static IEndpointRouteBuilder MapConsoleDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Prefix + "/{**path}", DownloadAsync).RequireAuthorization(ConsoleSession.Policy);
        endpoints.MapGet(DossierPrefix + "{personId}", DossierAsync).RequireAuthorization(ConsoleSession.Policy);
        return endpoints;
    }

    private static async Task DownloadAsync(HttpContext context, ApiChannel api, string path)
    {
        var apiPath = "/" + path;
        if (!IsDownloadPath(apiPath))
        {
            await PlainAsync(context, StatusCodes.Status404NotFound, "没有这个文件。");
            return;
        }
        // A message made here does not take the client's default version: cleartext HTTP/2 is asked for on it.
        using var request = new HttpRequestMessage(HttpMethod.Get, apiPath + context.Request.QueryString)
        {
            Version = api.Http.DefaultRequestVersion,
            VersionPolicy = api.Http.DefaultVersionPolicy,
        };
        if (await context.RequestServices.GetRequiredService<Sessions.SessionTokens>().ForAsync(context.User, context.RequestAborted) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        HttpResponseMessage response;
        try
        {
            response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, "服务暂不可用，请稍后再试。");
            return;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                await PlainAsync(context, status, status switch
                {
                    StatusCodes.Status401Unauthorized => ApiProblem.SessionExpiredMessage,
                    StatusCodes.Status403Forbidden => "无权下载此文件。",
                    StatusCodes.Status404NotFound => "未找到此文件。",
                    _ => "下载失败：" + await DetailAsync(response, context.RequestAborted),
                });
                return;
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            // The API's attachment header (its safe file name) and nosniff pass unchanged.
            if (response.Content.Headers.ContentDisposition is { } disposition)
            {
                context.Response.Headers.ContentDisposition = disposition.ToString();
            }
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private static async Task DossierAsync(HttpContext context, ApiChannel api, string personId)
    {
        var headers = new Grpc.Core.Metadata();
        if (await context.RequestServices.GetRequiredService<Sessions.SessionTokens>().ForAsync(context.User, context.RequestAborted) is { } token)
        {
            headers.Add("authorization", "Bearer " + token);
        }
        Platform.Contracts.Assessment.V1.DossierFile file;
        try
        {
            file = await new Platform.Contracts.Assessment.V1.DossierService.DossierServiceClient(api.Channel)
                .ExportDossierAsync(new() { PersonId = personId }, headers, cancellationToken: context.RequestAborted);
        }
        catch (Grpc.Core.RpcException ex)
        {
            var problem = ApiProblem.From(ex);
            await PlainAsync(context, ex.StatusCode switch
            {
                Grpc.Core.StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
                Grpc.Core.StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
                Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.InvalidArgument => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status503ServiceUnavailable,
            }, problem.Message);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = file.ContentType;
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = file.FileName }.ToString();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await context.Response.Body.WriteAsync(file.Content.Memory, context.RequestAborted);
    }

    /// <summary>The API's problem detail (REST errors are problem+json), or its status.</summary>
    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && (json.RootElement.TryGetProperty("detail", out var detail) || json.RootElement.TryGetProperty("title", out detail))
                && detail.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return $"{(int)response.StatusCode} {body}";
    }

    private static Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }

    [GeneratedRegex(@"^/api/[a-z]+/v1/[A-Za-z0-9/_\-]+/(content|docx|workbook)$", RegexOptions.CultureInvariant)]
    private static partial Regex DownloadPath();
}
