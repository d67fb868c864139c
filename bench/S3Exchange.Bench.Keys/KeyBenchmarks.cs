using BenchmarkDotNet.Attributes;

namespace S3Exchange.Bench.Keys;

/// <summary>
/// The same key, <c>training/42/samples/0001.wav</c>, built by the generated scope and by the
/// runtime's template resolution. The generated <c>Key</c> should cost one concatenation.
/// </summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    public const string Relative = "0001.wav";
    public const string FullTemplate = "training/{job_id}/samples/0001.wav";

    private static readonly Dictionary<string, string> Variables = new() { ["job_id"] = "42" };

    private readonly NamespaceScope scope = TrainingSamples.For("42");
    private readonly KeyTemplate parsedTemplate = KeyTemplate.Parse(FullTemplate);

    /// <summary>What code without the generator writes: parse (cached by the runtime) and resolve.</summary>
    [Benchmark(Baseline = true)]
    public string RuntimeParseAndResolve() => KeyTemplate.Parse(FullTemplate).Resolve(Variables);

    /// <summary>The runtime with the parsed template kept by the caller.</summary>
    [Benchmark]
    public string RuntimeResolve() => parsedTemplate.Resolve(Variables);

    /// <summary>The generated scope, created once, building a key.</summary>
    [Benchmark]
    public string GeneratedKey() => scope.Key(Relative);

    /// <summary>The generated factory and key together, for callers that do not keep the scope.</summary>
    [Benchmark]
    public string GeneratedForAndKey() => TrainingSamples.For("42").Key(Relative);
}
