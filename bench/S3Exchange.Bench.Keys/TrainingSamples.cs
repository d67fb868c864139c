namespace S3Exchange.Bench.Keys;

/// <summary>The namespace both benchmarks build keys in.</summary>
[S3Namespace("training/{job_id}/samples")]
public static partial class TrainingSamples;
