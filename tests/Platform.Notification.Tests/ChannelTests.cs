using Platform.Notification.Module.Domain;

namespace Platform.Notification.Tests;

public sealed class ChannelTests
{
    [Theory]
    [InlineData(Channels.Inbox, true)]
    [InlineData(Channels.Email, true)]
    [InlineData(Channels.Sms, true)]
    [InlineData(Channels.Webhook, false)]
    // A channel added later hides its recipients from operators until it is listed as naming no one.
    [InlineData("wechat", true)]
    public void Only_a_channel_whose_recipient_names_no_one_shows_it_to_operators(string channel, bool reveals) =>
        Assert.Equal(reveals, Channels.RecipientRevealsAddressee(channel));
}
