using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Net;
using WebhookSubscription = Platform.Notification.Module.Domain.WebhookSubscription;

namespace Platform.Notification.Module.Features.Delivery;

/// <summary>One delivery to send, with the message it carries and, for a webhook, its subscription.</summary>
public sealed record OutgoingDelivery(Domain.Delivery Delivery, NotificationMessage Message, WebhookSubscription? Subscription);

/// <summary>A channel outside the platform. Sending throws when the message did not go; the dispatcher retries.</summary>
public interface IDeliveryChannel
{
    string Name { get; }

    Task SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>
/// The HTTP client of the channels. Not from IHttpClientFactory: the host's default resilience
/// handler would retry inside one attempt, while the dispatcher counts attempts and backs off itself.
/// </summary>
public sealed class ChannelHttpClient : IDisposable
{
    public ChannelHttpClient(IOptions<DeliveryOptions> options) =>
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.Value.SendTimeout,
        };

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}

/// <summary>
/// The HTTP client of webhooks: connects only to addresses the <see cref="OutboundAddressGuard"/>
/// allows, resolved at each connection, and never through a proxy (the guard must see the real target).
/// </summary>
public sealed class WebhookHttpClient : IDisposable
{
    public WebhookHttpClient(IOptions<DeliveryOptions> options, OutboundAddressGuard guard) =>
        Client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = (context, cancellationToken) => guard.ConnectAsync(context.DnsEndPoint, cancellationToken),
        })
        {
            Timeout = options.Value.SendTimeout,
        };

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}

/// <summary>HMAC-SHA256 over "timestamp.body" with the subscription's secret, hex; receivers recompute it.</summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Platform-Signature";
    public const string TimestampHeader = "X-Platform-Timestamp";
    public const string DeliveryHeader = "X-Platform-Delivery";

    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    /// <summary>Constant-time check, and the timestamp within <paramref name="tolerance"/> of <paramref name="now"/> against replays.</summary>
    public static bool Verify(string secret, string timestamp, string body, string signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}

/// <summary>JSON for integrators: Chinese text as characters, not \u escapes.</summary>
internal static class ChannelJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

/// <summary>Signed JSON POSTs to integrators.</summary>
public sealed class WebhookChannel(WebhookHttpClient http, TimeProvider clock) : IDeliveryChannel
{
    public string Name => Channels.Webhook;

    public async Task SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var subscription = delivery.Subscription ?? throw new InvalidOperationException("The webhook subscription was deleted.");
        var message = delivery.Message;
        var body = JsonSerializer.Serialize(Payload(delivery.Delivery, message), ChannelJson.Options);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Delivery.Id.ToString());
        using var response = await http.Client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The receiver answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>
    /// A webhook's receiver is a system, not a person entitled to case material (and an operator
    /// registers it): for a confidential message it gets a reference only, and fetches the message
    /// with a user's token (GetInboxMessage, GetDocument), where the access rules apply.
    /// </summary>
    public static object Payload(Domain.Delivery delivery, NotificationMessage message) => message.Confidential
        ? new
        {
            deliveryId = delivery.Id,
            notificationId = message.Id,
            kind = message.Kind,
            confidential = true,
            subjectId = message.SubjectId,
            documentId = message.DocumentId,
            urgent = message.Urgent,
            createdAt = message.Created.At.ToWire(),
        }
        : new
        {
            deliveryId = delivery.Id,
            notificationId = message.Id,
            kind = message.Kind,
            title = message.Title,
            body = message.Body,
            subjectId = message.SubjectId,
            documentId = message.DocumentId,
            urgent = message.Urgent,
            createdAt = message.Created.At.ToWire(),
        };
}

/// <summary>SMS (and other providers) through a Dapr output binding: the sidecar's binding API, called with the Dapr client.</summary>
public sealed class DaprSmsChannel(DaprClient dapr, IOptions<DaprBindingOptions> options) : IDeliveryChannel
{
    public string Name => Channels.Sms;

    public Task SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        // The data is the JSON an SMS gateway behind bindings.http receives as its body; toNumber is what SMS bindings (Twilio) read.
        var data = JsonSerializer.SerializeToUtf8Bytes(new { to = delivery.Delivery.Address, message = $"【法治督察】{delivery.Message.Title}" }, ChannelJson.Options);
        return DaprBinding.InvokeAsync(dapr, options.Value.SmsBinding, data, new Dictionary<string, string>
        {
            ["toNumber"] = delivery.Delivery.Address ?? string.Empty,
            ["deliveryId"] = delivery.Delivery.Id.ToString(),
        }, cancellationToken);
    }
}

/// <summary>E-mail through a Dapr output binding (bindings.smtp): the component holds the server and its credentials.</summary>
public sealed class DaprEmailChannel(DaprClient dapr, IOptions<DaprBindingOptions> options, IOptions<EmailOptions> email) : IDeliveryChannel
{
    public string Name => Channels.Email;

    public Task SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken) =>
        // bindings.smtp: the data is the body; emailTo, emailFrom and subject are request metadata.
        DaprBinding.InvokeAsync(dapr, options.Value.EmailBinding!, Encoding.UTF8.GetBytes(EmailText.Body(delivery.Message)), new Dictionary<string, string>
        {
            ["emailTo"] = delivery.Delivery.Address ?? throw new InvalidOperationException("An e-mail delivery has no address."),
            ["emailFrom"] = email.Value.From,
            ["subject"] = delivery.Message.Title,
            ["deliveryId"] = delivery.Delivery.Id.ToString(),
        }, cancellationToken);
}

internal static class DaprBinding
{
    public static async Task InvokeAsync(DaprClient dapr, string binding, byte[] data, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var request = new BindingRequest(binding, "create") { Data = data };
        foreach (var (key, value) in metadata)
        {
            request.Metadata[key] = value;
        }
        try
        {
            await dapr.InvokeBindingAsync(request, cancellationToken);
        }
        catch (DaprException ex)
        {
            // The dispatcher keeps the message and retries; the sidecar's own words say why it failed.
            throw new HttpRequestException($"The Dapr sidecar refused binding {binding}: {(ex.InnerException as global::Grpc.Core.RpcException)?.Status.Detail ?? ex.Message}", ex);
        }
    }
}

/// <summary>The plain-text body of an e-mail, whichever way it is sent.</summary>
internal static class EmailText
{
    public static string Body(NotificationMessage message) => message.Body + "\n\n（本邮件由法治督察平台发送，请登录平台查看详情。）";
}

/// <summary>E-mail over SMTP with MailKit.</summary>
public sealed class EmailChannel(IOptions<EmailOptions> options) : IDeliveryChannel
{
    public string Name => Channels.Email;

    public async Task SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mail.To.Add(MailboxAddress.Parse(delivery.Delivery.Address ?? throw new InvalidOperationException("An e-mail delivery has no address.")));
        mail.Subject = delivery.Message.Title;
        mail.Headers.Add("X-Platform-Delivery", delivery.Delivery.Id.ToString());
        mail.Body = new TextPart("plain") { Text = EmailText.Body(delivery.Message) };

        using var client = new SmtpClient();
        var tls = Enum.TryParse<SecureSocketOptions>(settings.TlsMode, ignoreCase: true, out var mode) ? mode : SecureSocketOptions.Auto;
        await client.ConnectAsync(settings.Host, settings.Port, tls, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
