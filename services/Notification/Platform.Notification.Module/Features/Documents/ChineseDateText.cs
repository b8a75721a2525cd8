using System.Text;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>The date of an official document in Chinese numerals (成文日期): 二〇二六年十一月二十三日.</summary>
public static class ChineseDateText
{
    private static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    public static string Format(DateOnly date)
    {
        var year = new StringBuilder(4);
        foreach (var digit in date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            year.Append(Digits[digit - '0']);
        }
        return $"{year}年{Number(date.Month)}月{Number(date.Day)}日";
    }

    /// <summary>1..31 as written in dates: 十, 十一, 二十, 二十三, 三十一.</summary>
    private static string Number(int value) => value switch
    {
        < 10 => Digits[value],
        10 => "十",
        < 20 => "十" + Digits[value - 10],
        _ => Digits[value / 10] + "十" + (value % 10 == 0 ? string.Empty : Digits[value % 10]),
    };
}
