namespace S3Exchange.Generators.Tests;

/// <summary>Declarations shared by the output, compilation and MSBuild item tests.</summary>
internal static class Declarations
{
    public const string TrainingSamples = """
        using S3Exchange;

        namespace MyApp.Keys;

        /// <summary>Samples of one training job.</summary>
        [S3Namespace("training/{job_id}/samples")]
        public static partial class TrainingSamples;
        """;

    public const string TypedPlaceholders = """
        using S3Exchange;

        namespace MyApp.Keys;

        [S3Namespace("runs/<run:guid>/days/{day:date}/parts/{part:long}/{attempt:int}/{label:string}/")]
        internal static partial class TypedRuns;
        """;

    public const string StoreVariables = """
        using S3Exchange;

        namespace MyApp.Keys;

        [S3Namespace("services/{service_name}/training/{job_id}/samples", StoreVariables = new[] { "service_name" })]
        internal static partial class ServiceSamples;
        """;

    public const string RecordClass = """
        namespace MyApp.Keys;

        [S3Exchange.S3Namespace("records/{id}")]
        internal sealed partial record RecordSamples(string Name);
        """;

    public const string NestedInGlobalNamespace = """
        using S3Exchange;

        internal static partial class Outer
        {
            internal partial class Middle<T>
            {
                [S3Namespace("nested/{class}/{job_id}/{jobId}")]
                internal static partial class Inner
                {
                }
            }
        }
        """;
}
