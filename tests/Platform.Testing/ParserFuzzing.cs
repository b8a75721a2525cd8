using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A bounded fuzz pass over one parser, small enough for the normal test run: every file of the parser's corpus
/// as it is, then FsCheck-generated inputs (mutations of the corpus files, spliced-in tokens of the format, and
/// plain random bytes). An input passes when the parser returns or throws its own documented error within the
/// time bound; anything else fails the test with the input (base64) to add to the corpus once fixed.
/// </summary>
public static class ParserFuzzing
{
    /// <summary>Per input; the parsers take milliseconds on their largest real inputs.</summary>
    public static readonly TimeSpan DefaultCaseTimeout = TimeSpan.FromSeconds(5);

    public static void Run(
        string corpusDirectory,
        Action<byte[]> parse,
        Func<Exception, bool> documented,
        IEnumerable<string>? tokens = null,
        int cases = 300,
        TimeSpan? caseTimeout = null)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, corpusDirectory);
        var seeds = Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        Assert.NotEmpty(seeds);
        var timeout = caseTimeout ?? DefaultCaseTimeout;
        foreach (var seed in seeds)
        {
            Survives(seed, parse, documented, timeout);
        }

        var dictionary = (tokens ?? []).Select(System.Text.Encoding.UTF8.GetBytes)
            .Concat([[0], [0xFF], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], "\r\n"u8.ToArray(), "\u202E"u8.ToArray(), [0xC3], [0x81, 0x30]])
            .ToArray();
        var inputs = Gen.Frequency(
            (8, Mutations(seeds, dictionary)),
            (1, Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()));
        // PLATFORM_FUZZ_CASES runs a longer pass on demand (for example 20000 before a release); the normal run stays short.
        if (int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_FUZZ_CASES"), out var asked) && asked > 0)
        {
            cases = asked;
        }
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true);
        // PLATFORM_FUZZ_REPLAY="seed,gamma,size" (the numbers FsCheck prints after "Replay directly at failing step with")
        // regenerates the input a failed pass found.
        if (Environment.GetEnvironmentVariable("PLATFORM_FUZZ_REPLAY") is { Length: > 0 } replay)
        {
            var parts = replay.Trim('(', ')', ' ').Split(',', StringSplitOptions.TrimEntries);
            var step = new Replay(new Rnd(ulong.Parse(parts[0]), ulong.Parse(parts[1])), Microsoft.FSharp.Core.FSharpOption<int>.Some(int.Parse(parts[2])));
            config = config.WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(step)).WithMaxTest(1);
        }
        Prop.ForAll(Arb.From(inputs), input => Survives(input, parse, documented, timeout)).Check(config);
    }

    private static void Survives(byte[] input, Action<byte[]> parse, Func<Exception, bool> documented, TimeSpan timeout)
    {
        var run = Task.Run(() => parse(input));
        try
        {
            if (!run.Wait(timeout))
            {
                Assert.Fail($"The parser did not finish within {timeout.TotalSeconds:0.#} s on: {Show(input)}");
            }
        }
        catch (AggregateException ex) when (ex.InnerException is { } error && documented(error))
        {
            // The parser's own error for bad input: what callers turn into a 400.
        }
        catch (AggregateException ex)
        {
            Assert.Fail($"The parser crashed with {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message} on: {Show(input)}");
        }
    }

    private static Gen<byte[]> Mutations(byte[][] seeds, byte[][] dictionary)
    {
        var operation =
            from kind in Gen.Choose(0, 6)
            from at in Gen.Choose(0, 1_000_000)
            from length in Gen.Choose(1, 64)
            from value in Gen.Choose(0, 255)
            from token in Gen.Elements(dictionary)
            select (Kind: kind, At: at, Length: length, Value: (byte)value, Token: token);
        return from seed in Gen.Elements(seeds)
               from count in Gen.Choose(1, 8)
               from operations in operation.ArrayOf(count)
               select operations.Aggregate(seed, Apply);
    }

    private static byte[] Apply(byte[] input, (int Kind, int At, int Length, byte Value, byte[] Token) op)
    {
        var bytes = new List<byte>(input);
        var at = bytes.Count == 0 ? 0 : op.At % (bytes.Count + 1);
        var length = Math.Min(op.Length, bytes.Count - at);
        switch (op.Kind)
        {
            case 0 when at < bytes.Count:
                bytes[at] ^= (byte)(1 << (op.Value % 8));
                break;
            case 1 when at < bytes.Count:
                bytes[at] = op.Value;
                break;
            case 2:
                bytes.RemoveRange(at, length);
                break;
            case 3:
                bytes.InsertRange(at, Enumerable.Repeat(op.Value, op.Length));
                break;
            case 4:
                bytes.InsertRange(at, op.Token);
                break;
            case 5:
                // Repeats a slice many times: long lines, deep nesting, huge counts.
                var slice = bytes.GetRange(at, length).ToArray();
                for (var i = 0; i < op.Value % 32 * 8; i++)
                {
                    bytes.InsertRange(at, slice);
                }
                break;
            default:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
        }
        return bytes.ToArray();
    }

    /// <summary>Small inputs inline; larger ones saved to a temporary file, so the failure can be replayed and added to the corpus.</summary>
    private static string Show(byte[] input)
    {
        if (input.Length <= 4096)
        {
            return Convert.ToBase64String(input);
        }
        var path = Path.Combine(Path.GetTempPath(), "platform-fuzz-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input))[..16] + ".bin");
        File.WriteAllBytes(path, input);
        return $"{input.Length} bytes, saved to {path}";
    }
}
