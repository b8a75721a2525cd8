using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Proto = Platform.Contracts.Audit.V1;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>platform.audit.v1.AuditService: the auditor's search, export and verification, at the node's edge.</summary>
public sealed class AuditGrpcService(AuditStores stores, AuditSearch search, AuditSealer sealer, AuditVerifier verifier, CheckpointSigner signer)
    : Proto.AuditService.AuditServiceBase
{
    public override async Task<Proto.SearchEntriesResponse> SearchEntries(Proto.SearchEntriesRequest request, ServerCallContext context)
    {
        RequireAuditor(context.GetHttpContext());
        var validator = new RequestValidator();
        var query = AuditQuery.Parse(validator, request.Filter, stores);
        var size = request.PageSize == 0 ? AuditSearch.DefaultPageSize : request.PageSize;
        if (size < 1 || size > AuditSearch.MaxPageSize)
        {
            validator.Add("page_size", $"must be between 1 and {AuditSearch.MaxPageSize}, got {request.PageSize}");
        }
        var cursors = AuditSearch.ParseToken(validator, request.PageToken);
        validator.ThrowIfInvalid();

        var (entries, next) = await search.PageAsync(query, cursors, size, context.CancellationToken);
        var response = new Proto.SearchEntriesResponse { NextPageToken = next };
        response.Entries.AddRange(entries.Select(ToProto));
        return response;
    }

    public override async Task ExportEntries(Proto.ExportEntriesRequest request, IServerStreamWriter<Proto.ExportChunk> responseStream, ServerCallContext context)
    {
        RequireAuditor(context.GetHttpContext());
        var validator = new RequestValidator();
        var query = AuditQuery.Parse(validator, request.Filter, stores);
        validator.ThrowIfInvalid();
        await using var buffer = new MemoryStream();
        await AuditCsv.WriteAsync(search.StreamAsync(query, context.CancellationToken), buffer, async chunk =>
            await responseStream.WriteAsync(new Proto.ExportChunk { Data = ByteString.CopyFrom(chunk.Span) }, context.CancellationToken));
    }

    public override async Task<Proto.VerifyChainResponse> VerifyChain(Proto.VerifyChainRequest request, ServerCallContext context)
    {
        RequireAuditor(context.GetHttpContext());
        if (!string.IsNullOrWhiteSpace(request.Service) && !stores.Contains(request.Service.Trim()))
        {
            throw new ValidationException("service", $"must be one of {string.Join(", ", stores.Services)}");
        }
        // What was written a moment ago is chained first, so the answer covers it.
        await sealer.SealAllAsync(context.CancellationToken);
        var expected = new Dictionary<string, AuditAnchor>(StringComparer.Ordinal);
        for (var i = 0; i < request.Expected.Count; i++)
        {
            var e = request.Expected[i];
            if (!stores.Contains(e.Service) || e.Number < 1 || e.CheckpointHash.Length != 64 || expected.ContainsKey(e.Service))
            {
                throw new ValidationException($"expected[{i}]", "must name each store at most once, a checkpoint number from 1 and its 64-character hash");
            }
            expected[e.Service] = new AuditAnchor(e.Number, 0, string.Empty, e.CheckpointHash.ToLowerInvariant());
        }
        IReadOnlyList<StoreVerification> results = string.IsNullOrWhiteSpace(request.Service)
            ? await verifier.VerifyAllAsync(context.CancellationToken, expected)
            : [await verifier.VerifyAsync(request.Service.Trim(), context.CancellationToken, expected.GetValueOrDefault(request.Service.Trim()))];
        var response = new Proto.VerifyChainResponse
        {
            Intact = results.All(r => r.Intact),
            KeyId = signer.KeyId,
            PublicKeyPem = signer.PublicKeyPem,
        };
        response.Stores.AddRange(results.Select(ToProto));
        return response;
    }

    /// <summary>Only the auditor reads the trail; everyone else, the node operator included, is refused.</summary>
    public static void RequireAuditor(HttpContext http) => http.GetPlatformUser().RequireAnyRole(PlatformRoles.Auditor);

    public static Proto.AuditEntry ToProto(AuditEntry e) => new()
    {
        Id = $"{e.Service}:{e.Position}",
        RecordedAt = e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        NodeId = e.NodeId,
        Service = e.Service,
        UserId = e.UserId,
        ClientAddress = e.ClientAddress,
        Action = e.Action,
        Operation = e.Operation,
        EntityType = e.EntityType,
        EntityId = e.EntityId,
        Detail = e.Detail,
        Sequence = e.Sequence ?? 0,
        Hash = e.Hash ?? string.Empty,
    };

    public static Proto.StoreVerification ToProto(StoreVerification r)
    {
        var proto = new Proto.StoreVerification
        {
            Service = r.Service,
            Intact = r.Intact,
            EntriesChecked = r.EntriesChecked,
            CheckpointsChecked = r.CheckpointsChecked,
            LastCheckpointSequence = r.LastCheckpointSequence,
            UnsealedEntries = r.UnsealedEntries,
            LastCheckpointNumber = r.LastCheckpointNumber,
            LastCheckpointHash = r.LastCheckpointHash,
            SealerRefusal = r.SealerRefusal ?? string.Empty,
        };
        if (r.FirstBreak is { } b)
        {
            proto.FirstBreak = new Proto.ChainBreak
            {
                Sequence = b.Sequence, EntryId = b.EntryId, Problem = b.Problem, Description = b.Description, CheckpointSequence = b.CheckpointSequence,
            };
        }
        return proto;
    }
}

/// <summary>The trail as CSV (UTF-8 with BOM, so Excel reads the Chinese), written in chunks as it is read.</summary>
public static class AuditCsv
{
    public const int ChunkSize = 64 * 1024;

    private static readonly string[] Header =
        ["id", "recorded_at", "node_id", "service", "user_id", "client_address", "action", "operation", "entity_type", "entity_id", "detail", "sequence", "hash"];

    public static async Task WriteAsync(IAsyncEnumerable<AuditEntry> entries, MemoryStream buffer, Func<ReadOnlyMemory<byte>, Task> flush)
    {
        buffer.Write(Encoding.UTF8.Preamble);
        Append(buffer, Header);
        await foreach (var entry in entries)
        {
            var p = AuditGrpcService.ToProto(entry);
            Append(buffer, [p.Id, p.RecordedAt, p.NodeId, p.Service, p.UserId, p.ClientAddress, p.Action, p.Operation, p.EntityType, p.EntityId, p.Detail,
                p.Sequence == 0 ? string.Empty : p.Sequence.ToString(CultureInfo.InvariantCulture), p.Hash]);
            if (buffer.Length >= ChunkSize)
            {
                await flush(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
                buffer.SetLength(0);
            }
        }
        if (buffer.Length > 0)
        {
            await flush(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
    }

    private static void Append(MemoryStream buffer, string[] cells)
    {
        var line = string.Join(',', cells.Select(Cell)) + "\r\n";
        buffer.Write(Encoding.UTF8.GetBytes(line));
    }

    private static string Cell(string value)
    {
        // A cell a spreadsheet would run as a formula is kept as text.
        if (value.Length > 0 && "=+-@".Contains(value[0]))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
