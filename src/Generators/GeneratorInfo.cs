namespace S3Exchange.Generators
{
    /// <summary>The tool name and version written into <c>[GeneratedCode]</c>.</summary>
    internal static class GeneratorInfo
    {
        public const string Name = "S3Exchange.Generators";

        public static readonly string Version = typeof(GeneratorInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";
    }
}
