using Grpc.Core;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Features.Bulletins;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Directory;
using Platform.Notification.Module.Features.Documents;
using Platform.Notification.Module.Features.Inbox;
using Platform.Notification.Module.Features.Preferences;
using Platform.Notification.Module.Features.Reminders;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Notification.Module.Grpc;

/// <summary>platform.notification.v1.NotificationService: each call goes to its feature.</summary>
public sealed class NotificationGrpcService(
    InboxFeature inbox,
    DirectoryFeature directory,
    RemindersFeature reminders,
    DeliveriesFeature deliveries,
    PreferencesFeature preferences,
    DocumentsFeature documents,
    BulletinsFeature bulletins,
    ServiceDescriber<NotificationDbContext> describer)
    : NotificationService.NotificationServiceBase
{
    [AuditRead("inbox_message")]
    public override Task<ListInboxResponse> ListInbox(ListInboxRequest request, ServerCallContext context) =>
        inbox.ListAsync(request, context.CancellationToken);

    [AuditRead("inbox_message")]
    public override Task<ListInboxResponse> ListMyInbox(ListMyInboxRequest request, ServerCallContext context) =>
        inbox.ListMineAsync(request, context.CancellationToken);

    [AuditRead("inbox_message", "message_id")]
    public override Task<InboxMessage> GetInboxMessage(GetInboxMessageRequest request, ServerCallContext context) =>
        inbox.GetAsync(request, context.CancellationToken);

    public override Task<ReadReceipt> MarkInboxMessageRead(MarkInboxMessageReadRequest request, ServerCallContext context) =>
        inbox.MarkReadAsync(request, context.CancellationToken);

    public override Task<ListReadReceiptsResponse> ListReadReceipts(ListReadReceiptsRequest request, ServerCallContext context) =>
        inbox.ListReceiptsAsync(request, context.CancellationToken);

    public override Task<Contact> UpsertContact(UpsertContactRequest request, ServerCallContext context) =>
        directory.UpsertContactAsync(request, context.CancellationToken);

    public override Task<ListContactsResponse> ListContacts(ListContactsRequest request, ServerCallContext context) =>
        directory.ListContactsAsync(request, context.CancellationToken);

    public override Task<DeleteContactResponse> DeleteContact(DeleteContactRequest request, ServerCallContext context) =>
        directory.DeleteContactAsync(request, context.CancellationToken);

    public override Task<WebhookSubscription> CreateWebhookSubscription(CreateWebhookSubscriptionRequest request, ServerCallContext context) =>
        directory.CreateSubscriptionAsync(request, context.CancellationToken);

    public override Task<ListWebhookSubscriptionsResponse> ListWebhookSubscriptions(ListWebhookSubscriptionsRequest request, ServerCallContext context) =>
        directory.ListSubscriptionsAsync(request, context.CancellationToken);

    public override Task<DeleteWebhookSubscriptionResponse> DeleteWebhookSubscription(DeleteWebhookSubscriptionRequest request, ServerCallContext context) =>
        directory.DeleteSubscriptionAsync(request, context.CancellationToken);

    public override Task<ListDeadlineWatchesResponse> ListDeadlineWatches(ListDeadlineWatchesRequest request, ServerCallContext context) =>
        reminders.ListWatchesAsync(request, context.CancellationToken);

    public override Task<ListRemindersResponse> ListReminders(ListRemindersRequest request, ServerCallContext context) =>
        reminders.ListRemindersAsync(request, context.CancellationToken);

    public override Task<RunReminderScanResponse> RunReminderScan(RunReminderScanRequest request, ServerCallContext context) =>
        reminders.ScanAsync(context.CancellationToken);

    public override Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context) =>
        deliveries.ListAsync(request, context.CancellationToken);

    public override Task<Delivery> ReplayDeadLetter(ReplayDeadLetterRequest request, ServerCallContext context) =>
        deliveries.ReplayAsync(request, context.CancellationToken);

    public override Task<FanOut> GetFanOutProgress(GetFanOutProgressRequest request, ServerCallContext context) =>
        deliveries.GetFanOutAsync(request, context.CancellationToken);

    public override Task<Preferences> GetMyPreferences(GetMyPreferencesRequest request, ServerCallContext context) =>
        preferences.GetAsync(context.CancellationToken);

    public override Task<Preferences> UpdateMyPreferences(UpdateMyPreferencesRequest request, ServerCallContext context) =>
        preferences.UpdateAsync(request, context.CancellationToken);

    public override Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context) =>
        documents.ListTemplatesAsync(request, context.CancellationToken);

    public override Task<Template> UpdateTemplate(UpdateTemplateRequest request, ServerCallContext context) =>
        documents.UpdateTemplateAsync(request, context.CancellationToken);

    [AuditRead("document")]
    public override Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context) =>
        documents.ListDocumentsAsync(request, context.CancellationToken);

    [AuditRead("document", "document_id")]
    public override Task<Document> GetDocument(GetDocumentRequest request, ServerCallContext context) =>
        documents.GetDocumentAsync(request, context.CancellationToken);

    [AuditRead("document", "document_id")]
    public override Task<DocumentFile> GetDocumentFile(GetDocumentFileRequest request, ServerCallContext context) =>
        documents.GetFileAsync(request, context.CancellationToken);

    public override Task<FanOut> SendBulletin(SendBulletinRequest request, ServerCallContext context) =>
        bulletins.SendAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        describer.DescribeAsync(NotificationModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
