using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Tests;

public sealed class TemplateTextTests
{
    [Fact]
    public void Placeholders_are_replaced_and_other_text_is_kept()
    {
        var values = new Dictionary<string, string> { ["unit_name"] = "崇川区人民政府", ["deadline"] = "2026年12月31日" };
        Assert.Equal("崇川区人民政府：请于2026年12月31日前整改。{单括号}", TemplateText.Render("{{unit_name}}：请于{{ deadline }}前整改。{单括号}", values));
    }

    [Fact]
    public void Unknown_placeholders_are_named_once_each()
    {
        Assert.Equal(["deadlin", "phone"], TemplateText.Unknown("{{unit_name}}{{deadlin}}{{phone}}{{deadlin}}", ["unit_name", "deadline"]));
        Assert.Empty(TemplateText.Unknown("{{unit_name}}", ["unit_name"]));
    }

    [Theory]
    [InlineData("{{unit_name}", true)]
    [InlineData("{{ }}", true)]
    [InlineData("unit}}", true)]
    [InlineData("{{unit_name}}：正文", false)]
    public void Stray_braces_are_found(string template, bool stray) => Assert.Equal(stray, TemplateText.HasStrayBraces(template));
}

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_signature_is_hmac_sha256_hex_over_timestamp_dot_body()
    {
        // Reference value computed independently: HMAC-SHA256(key "secret", "1700000000.{}").
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("secret"u8, "1700000000.{}"u8));
        Assert.Equal(expected, WebhookSignature.Sign("secret", "1700000000", "{}"));
    }

    [Fact]
    public void Verification_rejects_a_changed_body_another_secret_and_an_old_timestamp()
    {
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = WebhookSignature.Sign("s3cret-s3cret-s3cret", timestamp, "{\"kind\":\"bulletin\"}");
        Assert.True(WebhookSignature.Verify("s3cret-s3cret-s3cret", timestamp, "{\"kind\":\"bulletin\"}", signature, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret-s3cret-s3cret", timestamp, "{\"kind\":\"bulletin \"}", signature, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("other-other-other", timestamp, "{\"kind\":\"bulletin\"}", signature, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret-s3cret-s3cret", timestamp, "{\"kind\":\"bulletin\"}", signature, Now.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret-s3cret-s3cret", "not-a-number", "{\"kind\":\"bulletin\"}", signature, Now, TimeSpan.FromMinutes(5)));
    }
}

public sealed class DeliveryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failures_back_off_exponentially_and_end_as_a_dead_letter()
    {
        var delivery = Delivery.ToAddress(Guid.NewGuid(), Channels.Email, "a@b.cn", "u", Now, Now);
        delivery.MarkFailed("timeout", Now, maxAttempts: 4, firstBackoff: TimeSpan.FromSeconds(30));
        Assert.Equal(Now.AddSeconds(30), delivery.NextAttemptAt);
        delivery.MarkFailed("timeout", Now, 4, TimeSpan.FromSeconds(30));
        Assert.Equal(Now.AddSeconds(60), delivery.NextAttemptAt);
        delivery.MarkFailed("timeout", Now, 4, TimeSpan.FromSeconds(30));
        Assert.Equal(Now.AddSeconds(120), delivery.NextAttemptAt);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        delivery.MarkFailed("timeout", Now, 4, TimeSpan.FromSeconds(30));
        Assert.Equal((DeliveryStatus.Dead, 4), (delivery.Status, delivery.Attempts));
        delivery.Replay(Now.AddHours(1));
        Assert.Equal((DeliveryStatus.Pending, 0, Now.AddHours(1)), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
    }

    [Theory]
    // Quiet 22:00–07:30 China time (UTC+8); times below are China time.
    [InlineData("2026-11-23T23:00", "2026-11-24T07:30")]
    [InlineData("2026-11-24T03:00", "2026-11-24T07:30")]
    [InlineData("2026-11-24T07:30", "2026-11-24T07:30")]
    [InlineData("2026-11-24T12:00", "2026-11-24T12:00")]
    [InlineData("2026-11-24T22:00", "2026-11-25T07:30")]
    public void Quiet_hours_across_midnight_defer_to_their_end(string local, string expected)
    {
        var preferences = UserPreferences.Create("u");
        preferences.Change(new Dictionary<string, IReadOnlyList<string>>(), new TimeOnly(22, 0), new TimeOnly(7, 30), new BuildingBlocks.Persistence.Audit("u", Now, "n"));
        var at = DateTimeOffset.Parse(local + ":00+08:00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse(expected + ":00+08:00", System.Globalization.CultureInfo.InvariantCulture), preferences.EarliestSend(at));
    }

    [Fact]
    public void Channel_choices_per_kind_fall_back_to_the_star_entry_then_to_every_channel()
    {
        var preferences = UserPreferences.Create("u");
        Assert.True(preferences.Wants("bulletin", Channels.Sms));
        preferences.Change(
            new Dictionary<string, IReadOnlyList<string>> { ["bulletin"] = [], ["*"] = [Channels.Email] }, null, null, new BuildingBlocks.Persistence.Audit("u", Now, "n"));
        Assert.False(preferences.Wants("bulletin", Channels.Email));
        Assert.True(preferences.Wants("deadline_reminder", Channels.Email));
        Assert.False(preferences.Wants("deadline_reminder", Channels.Sms));
    }
}

public sealed class CaseMaterialMessageTests
{
    private static readonly Platform.BuildingBlocks.Persistence.Audit Created = new("system", DateTimeOffset.UnixEpoch, "test-node");

    [Theory]
    [InlineData(MessageKinds.Escalation, false, true)]
    [InlineData(MessageKinds.Feedback, false, true)]
    [InlineData(MessageKinds.Reminder, true, true)]
    [InlineData(MessageKinds.Overdue, true, true)]
    [InlineData(MessageKinds.Reminder, false, false)]
    [InlineData(MessageKinds.TaskAssigned, false, false)]
    [InlineData(MessageKinds.Bulletin, false, false)]
    public void Messages_derived_from_case_material_are_confidential(string kind, bool aboutItem, bool confidential) =>
        Assert.Equal(confidential, NotificationMessage.Create(kind, "标题", "正文", Guid.CreateVersion7(), Created, aboutRectificationItem: aboutItem).Confidential);

    [Fact]
    public void A_webhook_gets_a_reference_to_a_reminder_about_an_item_and_the_text_of_other_messages()
    {
        var item = NotificationMessage.Create(MessageKinds.Overdue, "逾期催办：违法占地未查处", "正文", Guid.CreateVersion7(), Created, aboutRectificationItem: true);
        var task = NotificationMessage.Create(MessageKinds.Overdue, "逾期催办：推进府院联动", "正文", Guid.CreateVersion7(), Created);
        var delivery = Delivery.ToWebhook(item.Id, Guid.CreateVersion7(), "https://hooks.example.org/x", DateTimeOffset.UnixEpoch);

        var reference = System.Text.Json.JsonSerializer.Serialize(WebhookChannel.Payload(delivery, item));
        Assert.DoesNotContain("title", reference, StringComparison.Ordinal);
        Assert.DoesNotContain("\"body\"", reference, StringComparison.Ordinal);
        Assert.Contains(item.SubjectId.ToString(), reference, StringComparison.Ordinal);
        Assert.Contains("\"title\"", System.Text.Json.JsonSerializer.Serialize(WebhookChannel.Payload(delivery, task)), StringComparison.Ordinal);
    }
}
