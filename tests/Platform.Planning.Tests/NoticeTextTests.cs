using Platform.Planning.Module.Features.ImportPlanDocument;

namespace Platform.Planning.Tests;

public sealed class NoticeTextTests
{
    [Fact]
    public void Traditional_text_with_pinyin_readings_becomes_plain_simplified_text()
    {
        // The first line of a notice as a reposting site printed it (苏办厅字〔2019〕33号).
        const string scraped = "《中共江蘇省委辦公廳關(guān)于認真貫徹落實(shí)〈法治政府建設與責任落實(shí)督察工作規定〉的通知》";

        Assert.Equal("《中共江苏省委办公厅关于认真贯彻落实〈法治政府建设与责任落实督察工作规定〉的通知》", NoticeText.Normalize(scraped));
    }

    [Theory]
    // Phrases come before characters: 乾 alone reads 干, but in the phrase 乾隆 it is kept.
    [InlineData("天氣乾燥", "天气干燥")]
    [InlineData("乾隆年間", "乾隆年间")]
    [InlineData("簡(jiǎn)稱(chēng)《規定》", "简称《规定》")]
    [InlineData("頭髮", "头发")]
    public void Conversion_follows_the_opencc_tables(string traditional, string simplified) =>
        Assert.Equal(simplified, NoticeText.Normalize(traditional));

    [Theory]
    [InlineData("各市、縣(市、區)人民政府,省各直屬單位:", "各市、县（市、区）人民政府，省各直属单位：")]
    [InlineData("１．開展ＡＢＣ評查;", "1．开展ABC评查；")]
    [InlineData("「放管服」改革", "“放管服”改革")]
    // Latin and numbers keep their ASCII punctuation, and a gloss in letters is not a pinyin reading.
    [InlineData("f(x) 3,5 法(a)", "f(x) 3,5 法（a）")]
    public void Punctuation_takes_the_forms_of_chinese_text(string sent, string normalised) =>
        Assert.Equal(normalised, NoticeText.Normalize(sent));

    [Theory]
    // Several syllables in one bracket, with tone marks or without, spaced or not.
    [InlineData("嚴格執法（zhí fǎ）監督", "严格执法监督")]
    [InlineData("严格执法(zhi fa)监督", "严格执法监督")]
    [InlineData("严格执法(zhífǎ)监督", "严格执法监督")]
    [InlineData("行政復議(xíng zhèng fù yì)工作", "行政复议工作")]
    public void Pinyin_readings_of_several_syllables_are_removed(string scraped, string plain) =>
        Assert.Equal(plain, NoticeText.Normalize(scraped));

    [Theory]
    // One toneless word could be a gloss; words that are not syllables are English; a capital is not pinyin.
    [InlineData("执法(fa)", "执法（fa）")]
    [InlineData("指南(the guide)", "指南（the guide）")]
    [InlineData("平台(app)", "平台（app）")]
    [InlineData("法(Zhi Fa)", "法（Zhi Fa）")]
    public void Brackets_that_are_not_readings_stay(string sent, string normalised) =>
        Assert.Equal(normalised, NoticeText.Normalize(sent));
}
