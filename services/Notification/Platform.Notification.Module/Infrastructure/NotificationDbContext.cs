using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Federation;
using SentNotice = Platform.Notification.Module.Domain.SentNotice;
using SentNoticeRecipient = Platform.Notification.Module.Domain.SentNoticeRecipient;
using Contact = Platform.Notification.Module.Domain.Contact;
using DeadlineWatch = Platform.Notification.Module.Domain.DeadlineWatch;
using Delivery = Platform.Notification.Module.Domain.Delivery;
using FanOut = Platform.Notification.Module.Domain.FanOut;
using InboxMessage = Platform.Notification.Module.Domain.InboxMessage;
using ReadReceipt = Platform.Notification.Module.Domain.ReadReceipt;
using WebhookSubscription = Platform.Notification.Module.Domain.WebhookSubscription;

namespace Platform.Notification.Module.Infrastructure;

public abstract class NotificationDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<ReadReceipt> ReadReceipts => Set<ReadReceipt>();

    public DbSet<NotificationMessage> Notifications => Set<NotificationMessage>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<FanOut> FanOuts => Set<FanOut>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<UserPreferences> Preferences => Set<UserPreferences>();

    public DbSet<DeadlineWatch> DeadlineWatches => Set<DeadlineWatch>();

    public DbSet<SentReminder> SentReminders => Set<SentReminder>();

    public DbSet<DocumentTemplate> Templates => Set<DocumentTemplate>();

    public DbSet<OfficialDocument> Documents => Set<OfficialDocument>();

    public DbSet<DocumentSequence> DocumentSequences => Set<DocumentSequence>();

    public DbSet<SentNotice> SentNotices => Set<SentNotice>();

    public DbSet<ReceivedNotice> ReceivedNotices => Set<ReceivedNotice>();

    /// <summary>The edge's list of child links: a notice goes down only to a region one of them leads to.</summary>
    public DbSet<ChildNode> ChildNodes => Set<ChildNode>();

    /// <summary>The calendar updates from above: reminders are placed on the calendar they give (ADR 0024).</summary>
    public DbSet<CalendarUpdateRecord> CalendarUpdates => Set<CalendarUpdateRecord>();

    /// <summary>The node's units as planning names them: the names receipts of notices from above carry up.</summary>
    public DbSet<KnownUnit> Units => Set<KnownUnit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<InboxMessage>(message =>
        {
            message.ToTable("inbox_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Kind).HasMaxLength(50);
            message.Property(m => m.Title).HasMaxLength(500);
            message.Property(m => m.NodeId).HasMaxLength(64);
            message.Property(m => m.Audience).HasMaxLength(16).HasDefaultValue(Audiences.All);
            message.Property(m => m.UserId).HasMaxLength(100);
            message.HasIndex(m => new { m.UnitId, m.CreatedAt });
            message.HasIndex(m => new { m.UserId, m.CreatedAt });
            // The office's own inbox (messages to no unit), newest first: one part of ListMyInbox.
            message.HasIndex(m => new { m.Audience, m.CreatedAt });
        });
        modelBuilder.Entity<ReadReceipt>(receipt =>
        {
            receipt.ToTable("read_receipts");
            receipt.HasKey(r => new { r.MessageId, r.UserId });
            receipt.Property(r => r.UserId).HasMaxLength(100);
            receipt.Property(r => r.UserName).HasMaxLength(200);
            receipt.Property(r => r.NodeId).HasMaxLength(64);
            // "Unread only" of a user's inbox looks receipts up by user.
            receipt.HasIndex(r => new { r.UserId, r.MessageId });
        });
        modelBuilder.Entity<NotificationMessage>(notification =>
        {
            notification.ToTable("notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Kind).HasMaxLength(50);
            notification.Property(n => n.Title).HasMaxLength(500);
            notification.ComplexProperty(n => n.Created, a => a.MapAudit("created"));
        });
        modelBuilder.Entity<Delivery>(delivery =>
        {
            delivery.ToTable("deliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Channel).HasMaxLength(16);
            delivery.Property(d => d.Audience).HasMaxLength(16);
            delivery.Property(d => d.UserId).HasMaxLength(100);
            delivery.Property(d => d.Address).HasMaxLength(500);
            delivery.Property(d => d.LastError).HasMaxLength(1000);
            // The dispatcher's claim: pending rows by due time.
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
            delivery.HasIndex(d => new { d.NotificationId, d.Status });
            delivery.HasIndex(d => new { d.FanOutId, d.Status });
            delivery.HasIndex(d => d.ClaimToken);
        });
        modelBuilder.Entity<FanOut>(fanOut =>
        {
            fanOut.ToTable("fan_outs");
            fanOut.HasKey(f => f.Id);
            fanOut.ComplexProperty(f => f.Created, a => a.MapAudit("created"));
        });
        modelBuilder.Entity<KnownUnit>(unit =>
        {
            unit.ToTable("known_units");
            unit.HasKey(u => u.Id);
            unit.Property(u => u.Id).ValueGeneratedNever();
            unit.Property(u => u.Name).HasMaxLength(KnownUnit.MaxNameLength);
        });
        modelBuilder.Entity<Contact>(contact =>
        {
            contact.ToTable("contacts");
            contact.HasKey(c => c.Id);
            contact.Property(c => c.UnitName).HasMaxLength(200);
            contact.Property(c => c.Role).HasMaxLength(16);
            contact.Property(c => c.UserId).HasMaxLength(100);
            contact.Property(c => c.Name).HasMaxLength(100);
            contact.Property(c => c.Email).HasMaxLength(254);
            contact.Property(c => c.Mobile).HasMaxLength(20);
            contact.ComplexProperty(c => c.Updated, a => a.MapAudit("updated"));
            contact.HasIndex(c => new { c.UnitId, c.Role });
            contact.HasIndex(c => new { c.Role, c.UnitId });
            contact.HasIndex(c => c.UserId);
        });
        modelBuilder.Entity<WebhookSubscription>(subscription =>
        {
            subscription.ToTable("webhook_subscriptions");
            subscription.HasKey(s => s.Id);
            subscription.Property(s => s.Name).HasMaxLength(100);
            subscription.Property(s => s.Url).HasMaxLength(500);
            subscription.Property(s => s.Secret).HasMaxLength(200);
            subscription.Property(s => s.Kinds).HasMaxLength(500);
            subscription.Ignore(s => s.KindList);
            subscription.ComplexProperty(s => s.Created, a => a.MapAudit("created"));
        });
        modelBuilder.Entity<UserPreferences>(preferences =>
        {
            preferences.ToTable("user_preferences");
            preferences.HasKey(p => p.UserId);
            preferences.Property(p => p.UserId).HasMaxLength(100);
            preferences.Property(p => p.ChannelsByKind).HasMaxLength(1000);
            preferences.Ignore(p => p.ChannelMap);
            preferences.ComplexProperty(p => p.Updated, a => a.MapAudit("updated"));
        });
        modelBuilder.Entity<DeadlineWatch>(watch =>
        {
            watch.ToTable("deadline_watches");
            watch.HasKey(w => w.Id);
            watch.Property(w => w.SourceType).HasMaxLength(32);
            watch.Property(w => w.UnitName).HasMaxLength(200);
            watch.Property(w => w.Title).HasMaxLength(500);
            watch.Property(w => w.UpdatedOnNode).HasMaxLength(64);
            watch.Property(w => w.Version).IsConcurrencyToken();
            watch.HasIndex(w => new { w.SourceType, w.SourceId }).IsUnique();
            // The scan: active watches whose next reminder is due.
            watch.HasIndex(w => new { w.Active, w.NextReminderOn });
            watch.HasIndex(w => w.UnitId);
            watch.HasIndex(w => w.ParentId);
        });
        modelBuilder.Entity<SentReminder>(reminder =>
        {
            reminder.ToTable("sent_reminders");
            reminder.HasKey(r => r.Id);
            reminder.Property(r => r.Kind).HasMaxLength(32);
            reminder.Property(r => r.CreatedOnNode).HasMaxLength(64);
            // Exactly once: a reminder of a watch for a due date exists once, whoever sends it.
            reminder.HasIndex(r => new { r.WatchId, r.Kind, r.DueOn }).IsUnique();
            reminder.HasIndex(r => new { r.UnitId, r.CreatedAt });
        });
        modelBuilder.Entity<DocumentTemplate>(template =>
        {
            template.ToTable("document_templates");
            template.HasKey(t => t.Kind);
            template.Property(t => t.Kind).HasMaxLength(50);
            template.Property(t => t.TitleTemplate).HasMaxLength(500);
            template.ComplexProperty(t => t.Updated, a => a.MapAudit("updated"));
        });
        modelBuilder.Entity<OfficialDocument>(document =>
        {
            document.ToTable("documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.Kind).HasMaxLength(50);
            document.Property(d => d.Number).HasMaxLength(100);
            document.Property(d => d.Title).HasMaxLength(500);
            document.Property(d => d.Addressee).HasMaxLength(1000);
            document.Property(d => d.Issuer).HasMaxLength(200);
            document.Property(d => d.CopyTo).HasMaxLength(500);
            document.Property(d => d.DocxSha256).HasMaxLength(64);
            document.Property(d => d.SourceKey).HasMaxLength(200);
            document.ComplexProperty(d => d.Created, a => a.MapAudit("created"));
            document.HasIndex(d => d.Number).IsUnique();
            document.HasIndex(d => d.SourceKey).IsUnique();
            document.HasIndex(d => new { d.UnitId, d.IssuedOn });
            document.HasIndex(d => new { d.Kind, d.IssuedOn });
        });
        modelBuilder.Entity<SentNotice>(notice =>
        {
            notice.ToTable("sent_notices");
            notice.HasKey(n => n.Id);
            notice.Property(n => n.Kind).HasMaxLength(16);
            // A mission's notice carries its document's title, longer than an office's own (200).
            notice.Property(n => n.Title).HasMaxLength(500);
            notice.Property(n => n.Audience).HasMaxLength(16);
            notice.ComplexProperty(n => n.Created, a => a.MapAudit("created"));
            notice.HasMany(n => n.Recipients).WithOne().HasForeignKey(r => r.NoticeId);
            notice.Navigation(n => n.Recipients).HasField("_recipients").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<SentNoticeRecipient>(recipient =>
        {
            recipient.ToTable("sent_notice_recipients");
            recipient.HasKey(r => new { r.NoticeId, r.RegionCode, r.UnitId });
            recipient.Property(r => r.RegionCode).HasMaxLength(6);
            recipient.Property(r => r.NodeId).HasMaxLength(64);
            recipient.Property(r => r.UnitName).HasMaxLength(200);
            recipient.Ignore(r => r.State);
        });
        modelBuilder.Entity<ReceivedNotice>(notice =>
        {
            notice.ToTable("received_notices");
            notice.HasKey(n => n.Id);
            notice.Property(n => n.SenderNodeId).HasMaxLength(64);
            // Once per notice and sender, whatever the redelivery; reads look the message's notification up.
            notice.HasIndex(n => new { n.SenderNodeId, n.OriginNoticeId }).IsUnique();
            notice.HasIndex(n => n.NotificationId).IsUnique();
        });
        modelBuilder.MapChildNodes();
        modelBuilder.MapCalendarUpdates();
        modelBuilder.Entity<DocumentSequence>(sequence =>
        {
            sequence.ToTable("document_sequences");
            sequence.HasKey(s => new { s.Office, s.Year, s.Prefix });
            sequence.Property(s => s.Office).HasColumnName("office").HasMaxLength(64);
            sequence.Property(s => s.Year).HasColumnName("year");
            sequence.Property(s => s.Prefix).HasColumnName("prefix").HasMaxLength(16);
            sequence.Property(s => s.LastNumber).HasColumnName("last_number");
        });
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteNotificationDbContext(DbContextOptions<SqliteNotificationDbContext> options) : NotificationDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresNotificationDbContext(DbContextOptions<PostgresNotificationDbContext> options) : NotificationDbContext(options);

internal sealed class SqliteNotificationDesignTimeFactory : SqliteDesignTimeFactory<SqliteNotificationDbContext>;

internal sealed class PostgresNotificationDesignTimeFactory : PostgresDesignTimeFactory<PostgresNotificationDbContext>;
