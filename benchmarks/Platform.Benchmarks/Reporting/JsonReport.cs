using System.Text;
using System.Text.Json;

namespace Platform.Benchmarks.Reporting;

/// <summary>docs/benchmarks.json: a list of {"name", "value", "unit", "target", "met"}, one per figure.</summary>
public static class JsonReport
{
    public static string Write(IEnumerable<Figure> figures)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var figure in figures)
            {
                json.WriteStartObject();
                json.WriteString("name", figure.Name);
                if (figure.Value is { } value && double.IsFinite(value))
                {
                    // Rounded so reruns diff by the figure, not by the last binary digit.
                    json.WriteNumber("value", Math.Round(value, 4));
                }
                else
                {
                    json.WriteNull("value");
                }
                json.WriteString("unit", figure.Unit);
                if (figure.Target is null)
                {
                    json.WriteNull("target");
                    json.WriteNull("met");
                }
                else
                {
                    json.WriteString("target", figure.Target.ToString());
                    json.WriteBoolean("met", figure.Met == true);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
