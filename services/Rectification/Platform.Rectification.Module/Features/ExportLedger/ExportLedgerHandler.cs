using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Documents.Spreadsheets;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using Platform.Rectification.Module.Features.Ledger;

namespace Platform.Rectification.Module.Features.ExportLedger;

/// <summary>The ledger (整改台账) of a unit or a mission as an .xlsx workbook.</summary>
public sealed class ExportLedgerHandler(LedgerQuery ledger, IOptions<NodeOptions> node)
{
    private const int ExportChunk = 1000;
    private const string SheetName = "整改台账";

    /// <summary>Widths in Excel character units; long text wraps, and the sheet prints one page wide.</summary>
    internal static readonly WorkbookColumn[] Columns =
    [
        new("序号", 6), new("问题", 24), new("问题描述", 36), new("问题类别", 12), new("严重程度", 10), new("督察任务", 20),
        new("责任单位", 18), new("责任人", 10), new("整改措施", 36), new("整改期限", 14), new("原定期限", 14),
        new("整改状态", 12), new("是否逾期", 8), new("退回次数", 8), new("重新整改次数", 10), new("延期次数", 8),
        new("督促问责", 12), new("最新进展", 30), new("整改完成情况", 30), new("销号日期", 14),
    ];

    public async Task<LedgerFile> HandleAsync(ExportLedgerRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var scope = LedgerQuery.Scope(validator, request.UnitId, request.MissionId);
        validator.ThrowIfInvalid();

        var first = await ledger.Query(scope).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No rectification item is visible in this ledger.");
        var subject = scope.UnitId is not null ? first.UnitName : first.MissionTitle;
        var rows = new List<WorkbookCell[]>();
        await foreach (var item in ReadInChunks(scope, cancellationToken))
        {
            rows.Add(Row(rows.Count + 1, item));
        }
        var sheet = new WorkbookSheet(SheetName, Columns, rows) { Title = $"{subject}整改台账（{node.Value.Name}）" };
        var bytes = WorkbookWriter.ToBytes([sheet]);
        return new LedgerFile
        {
            FileName = $"{subject}整改台账.xlsx",
            ContentType = WorkbookWriter.ContentType,
            Content = ByteString.CopyFrom(bytes),
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
        };
    }

    /// <summary>Reads in chunks, so a mission with thousands of items is never one big result set.</summary>
    private async IAsyncEnumerable<Domain.RectificationItem> ReadInChunks(LedgerScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += ExportChunk)
        {
            var chunk = await ledger.Query(scope).Skip(offset).Take(ExportChunk).ToListAsync(cancellationToken);
            foreach (var item in chunk)
            {
                yield return item;
            }
            if (chunk.Count < ExportChunk)
            {
                yield break;
            }
        }
    }

    private static WorkbookCell[] Row(int number, Domain.RectificationItem item) =>
    [
        WorkbookCell.Number(number),
        WorkbookCell.Wrapped(item.Title),
        WorkbookCell.Wrapped(item.Description),
        WorkbookCell.Wrapped(item.Category),
        WorkbookCell.Plain(Severities.ChineseName(item.Severity)),
        WorkbookCell.Wrapped(item.MissionTitle),
        WorkbookCell.Wrapped(item.UnitName),
        WorkbookCell.Wrapped(item.ResponsiblePerson),
        WorkbookCell.Wrapped(string.Join("\n", item.Measures.Select((m, i) => $"{i + 1}. {m}"))),
        WorkbookCell.Plain(item.Deadline.ToChinese()),
        WorkbookCell.Plain(item.OriginalDeadline.ToChinese()),
        WorkbookCell.Plain(item.State.ChineseName()),
        WorkbookCell.Plain(item.Overdue ? "是" : "否"),
        WorkbookCell.Number(item.SendBackCount),
        WorkbookCell.Number(item.ReopenCount),
        WorkbookCell.Number(item.ExtensionCount),
        WorkbookCell.Plain(LadderSteps.ChineseNameOf(item.EscalationOrder)),
        WorkbookCell.Wrapped(item.LatestProgress),
        WorkbookCell.Wrapped(item.CompletionSummary),
        WorkbookCell.Plain(item.ClosedOn?.ToChinese() ?? string.Empty),
    ];
}
