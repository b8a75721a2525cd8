using System.Globalization;
using Dapr.Client.Autogen.Grpc.v1;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Planning;

namespace Platform.Functional.Tests.Notification;

/// <summary>
/// A node with Dapr on for e-mail too, and a secret store: e-mail goes through the sidecar's
/// smtp output binding rather than Notification:Email's server, and the configuration keys of the
/// secrets Dapr:Secrets names are read from the sidecar's secret store at start-up.
/// </summary>
public sealed class DaprNotificationNode : NotificationNode
{
    public const string SecretFrom = "ducha-secret@nantong.gov.cn";

    public DaprNotificationNode()
    {
        DaprSidecar.SecretStores["platform-secrets"] = new()
        {
            ["platform-notification"] = new() { ["Notification__Email__From"] = SecretFrom },
        };
    }

    protected override void ConfigureNode(IWebHostBuilder builder)
    {
        base.ConfigureNode(builder);
        builder.UseSetting("Dapr:EmailBinding", "email");
        builder.UseSetting("Dapr:SecretStore", "platform-secrets");
        builder.UseSetting("Dapr:Secrets:0", "platform-notification");
    }
}

public sealed class DaprBindingTests(DaprNotificationNode node) : IClassFixture<DaprNotificationNode>
{
    [Fact]
    public async Task Email_goes_through_the_smtp_output_binding_with_the_sender_from_the_secret_store()
    {
        node.SetToday(2026, 11, 11);
        var unit = Guid.CreateVersion7();
        await node.AddContactAsync(unit, "南通市交通运输局", "liaison", "jtys-liaison", "liaison@jtys.nantong.gov.cn");
        var messageId = Guid.NewGuid();
        await node.PublishAsync(new TaskAssigned(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 23, "推进交通运输综合行政执法改革",
            new DateOnly(2026, 12, 25), unit, "南通市交通运输局", "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
        await node.WaitConsumedAsync(messageId);
        await node.DispatchAsync();

        // The secret was read once, at start-up, from the store and secret the settings name.
        var secretCall = Assert.Single(node.DaprSidecar.Calls, c => c.Method == "GetSecret");
        Assert.Equal(("platform-secrets", "platform-notification"), (((GetSecretRequest)secretCall.Request).StoreName, ((GetSecretRequest)secretCall.Request).Key));
        Assert.Equal(NotificationNode.DaprToken, secretCall.ApiToken);

        var mail = Assert.Single(node.DaprSidecar.BindingCalls, b => b.Name == "email" && b.Metadata["emailTo"] == "liaison@jtys.nantong.gov.cn");
        Assert.Equal("create", mail.Operation);
        Assert.Equal(DaprNotificationNode.SecretFrom, mail.Metadata["emailFrom"]);
        Assert.Contains("推进交通运输综合行政执法改革", mail.Metadata["subject"], StringComparison.Ordinal);
        var text = mail.Data.ToStringUtf8();
        Assert.Contains("2026年12月25日", text, StringComparison.Ordinal);
        Assert.Contains("本邮件由法治督察平台发送", text, StringComparison.Ordinal);
        // Nothing reached the SMTP server of Notification:Email: the binding replaced it.
        Assert.DoesNotContain(node.Smtp.Received, m => m.To.Contains("liaison@jtys.nantong.gov.cn"));
        var email = await node.QueryAsync(db => db.Deliveries.Where(d => d.UserId == "jtys-liaison" && d.Channel == "email").Select(d => d.Status).SingleAsync());
        Assert.Equal(Platform.Notification.Module.Domain.DeliveryStatus.Sent, email);
    }

    [Fact]
    public void A_secret_the_store_does_not_hold_stops_the_start_naming_the_setting_and_the_secret()
    {
        using var broken = new MissingSecretNode();
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        var message = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("Dapr:Secrets", message, StringComparison.Ordinal);
        Assert.Contains("'platform-absent'", message, StringComparison.Ordinal);
        Assert.Contains("platform-secrets", message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }

    private sealed class MissingSecretNode : NotificationNode
    {
        public MissingSecretNode() => DaprSidecar.SecretStores["platform-secrets"] = [];

        protected override void ConfigureNode(IWebHostBuilder builder)
        {
            base.ConfigureNode(builder);
            builder.UseSetting("Dapr:SecretStore", "platform-secrets");
            builder.UseSetting("Dapr:Secrets:0", "platform-absent");
        }
    }
}
