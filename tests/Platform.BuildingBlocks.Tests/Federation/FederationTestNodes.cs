using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Tests.Federation;

/// <summary>Turns a received message into a local TaskAssigned (title = payload), committed with the inbox row.</summary>
public sealed class TestTaskHandler : IFederationMessageHandler
{
    public const string Name = "federation.test_task.v1";

    public string WireName => Name;

    public Task ApplyAsync(FederationDbContext db, FederationLink link, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(OutboxTestDatabase.NewEvent(envelope.Payload));
        return Task.CompletedTask;
    }
}

/// <summary>Like <see cref="TestTaskHandler"/>, under another wire name (a newer version, say).</summary>
public sealed class NamedTestHandler(string wireName) : IFederationMessageHandler
{
    public string WireName => wireName;

    public Task ApplyAsync(FederationDbContext db, FederationLink link, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(OutboxTestDatabase.NewEvent(envelope.Payload));
        return Task.CompletedTask;
    }
}

/// <summary>One node of a test hierarchy: its own SQLite file, its own certificate thumbprint.</summary>
public sealed class TestNode : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"federation-test-{Guid.NewGuid():N}.db");

    public TestNode(string id, NodeLevel level, string regionCode, FakeTimeProvider clock)
    {
        Options = new NodeOptions { Id = id, Level = level, RegionCode = regionCode, Name = id };
        Clock = clock;
        Authority = FederationCertificateAuthority.Create(id, clock);
        (Key, RequestPem) = FederationCertificateAuthority.CreateRequest(id);
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public NodeOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Signs this node's children's certificates; its node certificate is what children pin.</summary>
    public FederationCertificateAuthority Authority { get; }

    /// <summary>The key this node asks its parent to certify, and the request.</summary>
    public System.Security.Cryptography.ECDsa Key { get; }

    public string RequestPem { get; }

    /// <summary>The certificate the parent issued at approval (null before).</summary>
    public string? IssuedCertificateThumbprint { get; set; }

    /// <summary>What this node presents when it calls its children.</summary>
    public string NodeThumbprint => FederationCertificateAuthority.ThumbprintOf(Authority.NodeCertificate);

    public FederationOptions Federation { get; } = new() { DeliveryRetries = 2, DeliveryRetryDelay = TimeSpan.Zero, DeliveryBatchSize = 3 };

    /// <param name="interceptors">What the edge adds to its store (the delivery signal's interceptor), none by default.</param>
    public FederationDbContext NewContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<FederationDbContext>().UseSqlite($"Data Source={_path}").AddInterceptors(interceptors).Options);

    /// <summary>A context whose EF Core log goes to <paramref name="logs"/> (to see what a save logs).</summary>
    public FederationDbContext NewContext(Microsoft.Extensions.Logging.ILoggerFactory logs) =>
        new(new DbContextOptionsBuilder<FederationDbContext>().UseSqlite($"Data Source={_path}").UseLoggerFactory(logs).Options);

    public Enrolment Enrolment(FederationDbContext db) =>
        new(db, Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(Federation), Clock);

    public LinkDeliverer Deliverer(FederationDbContext db, IFederationTransport transport, Microsoft.Extensions.Logging.ILogger<LinkDeliverer>? logger = null) =>
        new(db, transport, Microsoft.Extensions.Options.Options.Create(Federation), Clock, logger ?? NullLogger<LinkDeliverer>.Instance);

    public void Dispose()
    {
        Authority.Dispose();
        Key.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

/// <summary>
/// Delivers to another node's store the way the listener does: the caller's certificate is checked
/// against the receiver's links on every call, then the receiver's inbox takes the batch.
/// </summary>
public sealed class LoopbackTransport(string presentedThumbprint, TestNode receiver) : IFederationTransport
{
    public int Calls { get; private set; }

    /// <summary>Calls that fail before reaching the receiver (the peer is down).</summary>
    public int FailNextCalls { get; set; }

    /// <summary>The next call reaches the receiver, which stores the batch, but the answer is lost.</summary>
    public bool LoseNextAcknowledgement { get; set; }

    public LinkAcknowledgement? LastAcknowledgement { get; private set; }

    public async Task<long> SendAsync(FederationLink link, IReadOnlyList<FederationEnvelope> batch, CancellationToken cancellationToken)
    {
        Calls++;
        if (FailNextCalls > 0)
        {
            FailNextCalls--;
            throw new HttpRequestException("connection refused");
        }
        await using var db = receiver.NewContext();
        var peerLink = await new FederationTrust(db).AuthorizeAsync(presentedThumbprint, cancellationToken);
        LastAcknowledgement = await new LinkInbox(db, [new TestTaskHandler()], receiver.Clock).ReceiveAsync(peerLink.Id, batch, cancellationToken);
        if (LoseNextAcknowledgement)
        {
            LoseNextAcknowledgement = false;
            throw new IOException("connection reset before the answer");
        }
        return LastAcknowledgement.AcknowledgedSequence;
    }
}

/// <summary>What enrolling the county under the city leaves on both sides.</summary>
public sealed record EnrolledCounty(Guid CityLinkId, Guid CountyLinkId, IssuedLinkCertificate Issued);

/// <summary>A city node and one of its counties, each with its own store and authority.</summary>
public abstract class CityAndCounty : IDisposable
{
    protected CityAndCounty()
    {
        City = new TestNode("nantong", NodeLevel.City, "320600", Clock);
        County = new TestNode("chongchuan", NodeLevel.County, "320602", Clock);
    }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    protected TestNode City { get; }

    protected TestNode County { get; }

    public virtual void Dispose()
    {
        City.Dispose();
        County.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The whole joining: a code for the county's region, its registration, the city's approval, the county pinning its parent.</summary>
    protected async Task<EnrolledCounty> EnrolCountyAsync(Enrolment cityEnrolment)
    {
        var code = await cityEnrolment.CreateCodeAsync("320602", default);
        var link = await cityEnrolment.RegisterChildAsync(code.Code, "chongchuan", "320602", County.RequestPem, default);
        var (_, issued) = await cityEnrolment.ApproveAsync(link.Id, City.Authority, default);
        await using var county = County.NewContext();
        var parent = await County.Enrolment(county).AddParentAsync("nantong", "320600", issued.ParentCertificateThumbprint, default);
        return new EnrolledCounty(link.Id, parent.Id, issued);
    }

    /// <summary>The county's issued certificate with its key, through PKCS#12 so the TLS stack holds a persisted key.</summary>
    protected X509Certificate2 CountyCertificate(IssuedLinkCertificate issued)
    {
        using var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem);
        using var withKey = certificate.CopyWithPrivateKey(County.Key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}

/// <summary>Keeps every log entry of the loggers it creates, to check what was logged and at which level.</summary>
public sealed class RecordingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(Microsoft.Extensions.Logging.LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyCollection<(Microsoft.Extensions.Logging.LogLevel Level, string Category, string Message)> Entries => _entries;

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(
            Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
