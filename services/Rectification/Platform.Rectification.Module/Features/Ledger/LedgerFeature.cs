using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Domain;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Features.Ledger;

/// <summary>The ledger (整改台账) of a unit or a mission: every item with its state, paged or as .xlsx.</summary>
public sealed class LedgerFeature(RectificationDbContext db, RectificationAccess access, IOptions<NodeOptions> node)
{
    private const int ExportChunk = 1000;

    public async Task<ListLedgerResponse> ListAsync(ListLedgerRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var scope = Scope(validator, request.UnitId, request.MissionId);
        validator.ThrowIfInvalid();

        var (rows, next) = await Query(scope).ToPageAsync(page, cancellationToken);
        var response = new ListLedgerResponse { NextPageToken = next };
        response.Rows.AddRange(rows.Select(i => new LedgerRow { Item = i.ToProto(), LatestProgress = i.LatestProgress }));
        return response;
    }

    public async Task<LedgerFile> ExportAsync(ExportLedgerRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var scope = Scope(validator, request.UnitId, request.MissionId);
        validator.ThrowIfInvalid();

        var first = await Query(scope).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No rectification item is visible in this ledger.");
        var subject = scope.UnitId is not null ? first.UnitName : first.MissionTitle;
        var title = $"{subject}整改台账（{node.Value.Name}）";
        var rows = new List<IReadOnlyList<string>>();
        await foreach (var item in ReadInChunks(scope, cancellationToken))
        {
            rows.Add(Row(rows.Count + 1, item));
        }
        using var buffer = new MemoryStream();
        LedgerWorkbookWriter.Write(buffer, title, rows);
        var bytes = buffer.ToArray();
        return new LedgerFile
        {
            FileName = $"{subject}整改台账.xlsx",
            ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Content = ByteString.CopyFrom(bytes),
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
        };
    }

    private sealed record LedgerScope(Guid? UnitId, Guid? MissionId);

    private static LedgerScope Scope(RequestValidator validator, string? unitId, string? missionId)
    {
        var hasUnit = !string.IsNullOrWhiteSpace(unitId);
        var hasMission = !string.IsNullOrWhiteSpace(missionId);
        if (hasUnit == hasMission)
        {
            validator.Add("unit_id", "give exactly one of unit_id and mission_id");
            return new LedgerScope(null, null);
        }
        return hasUnit ? new LedgerScope(validator.Id("unit_id", unitId), null) : new LedgerScope(null, validator.Id("mission_id", missionId));
    }

    private IQueryable<Domain.RectificationItem> Query(LedgerScope scope) =>
        access.Visible(db.Items.AsNoTracking())
            .WhereIf(scope.UnitId, u => i => i.UnitId == u)
            .WhereIf(scope.MissionId, m => i => i.MissionId == m)
            .OrderBy(i => i.OpenedOn).ThenBy(i => i.Id);

    /// <summary>Reads in chunks, so a mission with thousands of items is never one big result set.</summary>
    private async IAsyncEnumerable<Domain.RectificationItem> ReadInChunks(LedgerScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += ExportChunk)
        {
            var chunk = await Query(scope).Skip(offset).Take(ExportChunk).ToListAsync(cancellationToken);
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

    private static string[] Row(int number, Domain.RectificationItem item) =>
    [
        number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        item.Title,
        item.Description,
        item.Category,
        Severities.ChineseName(item.Severity),
        item.MissionTitle,
        item.UnitName,
        item.ResponsiblePerson,
        string.Join("\n", item.Measures.Select((m, i) => $"{i + 1}. {m}")),
        item.Deadline.ToChinese(),
        item.OriginalDeadline.ToChinese(),
        item.State.ChineseName(),
        item.Overdue ? "是" : "否",
        item.SendBackCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        item.ReopenCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        item.ExtensionCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LadderSteps.ChineseNameOf(item.EscalationOrder),
        item.LatestProgress,
        item.CompletionSummary,
        item.ClosedOn?.ToChinese() ?? string.Empty,
    ];
}
