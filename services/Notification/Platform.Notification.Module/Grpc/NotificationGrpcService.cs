using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Notification.Module.Features.CreateWebhookSubscription;
using Platform.Notification.Module.Features.DeleteContact;
using Platform.Notification.Module.Features.DeleteWebhookSubscription;
using Platform.Notification.Module.Features.GetDocument;
using Platform.Notification.Module.Features.GetDocumentFile;
using Platform.Notification.Module.Features.GetFanOutProgress;
using Platform.Notification.Module.Features.GetInboxMessage;
using Platform.Notification.Module.Features.GetMyPreferences;
using Platform.Notification.Module.Features.ListContacts;
using Platform.Notification.Module.Features.ListDeadlineWatches;
using Platform.Notification.Module.Features.ListDeliveries;
using Platform.Notification.Module.Features.ListDocuments;
using Platform.Notification.Module.Features.ListInbox;
using Platform.Notification.Module.Features.ListMyInbox;
using Platform.Notification.Module.Features.ListReadReceipts;
using Platform.Notification.Module.Features.ListReminders;
using Platform.Notification.Module.Features.ListTemplates;
using Platform.Notification.Module.Features.ListWebhookSubscriptions;
using Platform.Notification.Module.Features.MarkInboxMessageRead;
using Platform.Notification.Module.Features.ForwardNotice;
using Platform.Notification.Module.Features.GetSentNotice;
using Platform.Notification.Module.Features.ListSentNotices;
using Platform.Notification.Module.Features.NoticesDown;
using Platform.Notification.Module.Features.SendNoticeDown;
using Platform.Notification.Module.Features.ReplayDeadLetter;
using Platform.Notification.Module.Features.RunReminderScan;
using Platform.Notification.Module.Features.SendBulletin;
using Platform.Notification.Module.Features.UpdateMyPreferences;
using Platform.Notification.Module.Features.UpdateTemplate;
using Platform.Notification.Module.Features.UpsertContact;
using Contact = Platform.Contracts.Notification.V1.Contact;
using Delivery = Platform.Contracts.Notification.V1.Delivery;
using FanOut = Platform.Contracts.Notification.V1.FanOut;
using InboxMessage = Platform.Contracts.Notification.V1.InboxMessage;
using ReadReceipt = Platform.Contracts.Notification.V1.ReadReceipt;
using WebhookSubscription = Platform.Contracts.Notification.V1.WebhookSubscription;

namespace Platform.Notification.Module.Grpc;

/// <summary>platform.notification.v1.NotificationService: a thin adapter onto the use-case handlers, resolved per call.</summary>
public sealed class NotificationGrpcService(IServiceProvider services, ServiceDescriber<NotificationDbContext> describer)
    : NotificationService.NotificationServiceBase
{
    private T Resolve<T>()
        where T : notnull => services.GetRequiredService<T>();

    [AuditRead("inbox_message")]
    public override Task<ListInboxResponse> ListInbox(ListInboxRequest request, ServerCallContext context) =>
        Resolve<ListInboxHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("inbox_message")]
    public override Task<ListInboxResponse> ListMyInbox(ListMyInboxRequest request, ServerCallContext context) =>
        Resolve<ListMyInboxHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("inbox_message", "message_id")]
    public override Task<InboxMessage> GetInboxMessage(GetInboxMessageRequest request, ServerCallContext context) =>
        Resolve<GetInboxMessageHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ReadReceipt> MarkInboxMessageRead(MarkInboxMessageReadRequest request, ServerCallContext context) =>
        Resolve<MarkInboxMessageReadHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListReadReceiptsResponse> ListReadReceipts(ListReadReceiptsRequest request, ServerCallContext context) =>
        Resolve<ListReadReceiptsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Contact> UpsertContact(UpsertContactRequest request, ServerCallContext context) =>
        Resolve<UpsertContactHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListContactsResponse> ListContacts(ListContactsRequest request, ServerCallContext context) =>
        Resolve<ListContactsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<DeleteContactResponse> DeleteContact(DeleteContactRequest request, ServerCallContext context) =>
        Resolve<DeleteContactHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<WebhookSubscription> CreateWebhookSubscription(CreateWebhookSubscriptionRequest request, ServerCallContext context) =>
        Resolve<CreateWebhookSubscriptionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListWebhookSubscriptionsResponse> ListWebhookSubscriptions(ListWebhookSubscriptionsRequest request, ServerCallContext context) =>
        Resolve<ListWebhookSubscriptionsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<DeleteWebhookSubscriptionResponse> DeleteWebhookSubscription(DeleteWebhookSubscriptionRequest request, ServerCallContext context) =>
        Resolve<DeleteWebhookSubscriptionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListDeadlineWatchesResponse> ListDeadlineWatches(ListDeadlineWatchesRequest request, ServerCallContext context) =>
        Resolve<ListDeadlineWatchesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListRemindersResponse> ListReminders(ListRemindersRequest request, ServerCallContext context) =>
        Resolve<ListRemindersHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RunReminderScanResponse> RunReminderScan(RunReminderScanRequest request, ServerCallContext context) =>
        Resolve<RunReminderScanHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context) =>
        Resolve<ListDeliveriesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Delivery> ReplayDeadLetter(ReplayDeadLetterRequest request, ServerCallContext context) =>
        Resolve<ReplayDeadLetterHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<FanOut> GetFanOutProgress(GetFanOutProgressRequest request, ServerCallContext context) =>
        Resolve<GetFanOutProgressHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Preferences> GetMyPreferences(GetMyPreferencesRequest request, ServerCallContext context) =>
        Resolve<GetMyPreferencesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Preferences> UpdateMyPreferences(UpdateMyPreferencesRequest request, ServerCallContext context) =>
        Resolve<UpdateMyPreferencesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context) =>
        Resolve<ListTemplatesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Template> UpdateTemplate(UpdateTemplateRequest request, ServerCallContext context) =>
        Resolve<UpdateTemplateHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("document")]
    public override Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context) =>
        Resolve<ListDocumentsHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("document", "document_id")]
    public override Task<Document> GetDocument(GetDocumentRequest request, ServerCallContext context) =>
        Resolve<GetDocumentHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("document", "document_id")]
    public override Task<DocumentFile> GetDocumentFile(GetDocumentFileRequest request, ServerCallContext context) =>
        Resolve<GetDocumentFileHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<FanOut> SendBulletin(SendBulletinRequest request, ServerCallContext context) =>
        Resolve<SendBulletinHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Contracts.Notification.V1.SentNotice> SendNoticeDown(SendNoticeDownRequest request, ServerCallContext context) =>
        Resolve<SendNoticeDownHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListSentNoticesResponse> ListSentNotices(ListSentNoticesRequest request, ServerCallContext context) =>
        Resolve<ListSentNoticesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Contracts.Notification.V1.SentNotice> GetSentNotice(GetSentNoticeRequest request, ServerCallContext context) =>
        Resolve<GetSentNoticeHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ForwardNoticeResponse> ForwardNotice(ForwardNoticeRequest request, ServerCallContext context) =>
        Resolve<ForwardNoticeHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        describer.DescribeAsync(NotificationModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
