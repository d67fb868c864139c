namespace S3Exchange.Generators
{
    /// <summary>
    /// Names of the incremental pipeline steps, so tests can check that each step's output is
    /// cached when unrelated code changes. The model steps feed the source output and hold plain
    /// values only; the diagnostics steps hold the locations diagnostics are reported at.
    /// </summary>
    internal static class TrackingNames
    {
        /// <summary>Classes carrying [S3Namespace], as models (null for a declaration with an error).</summary>
        public const string AttributeModels = nameof(AttributeModels);

        /// <summary>Classes carrying [S3Namespace], as their diagnostics.</summary>
        public const string AttributeDiagnostics = nameof(AttributeDiagnostics);

        /// <summary>S3ExchangeNamespace MSBuild items, parsed into models and diagnostics (items have no source location).</summary>
        public const string MsBuildItemDeclarations = nameof(MsBuildItemDeclarations);

        /// <summary>All models merged, with duplicate types set aside.</summary>
        public const string MergedDeclarations = nameof(MergedDeclarations);

        /// <summary>One model per generated type.</summary>
        public const string NamespaceModels = nameof(NamespaceModels);

        /// <summary>All diagnostics to report.</summary>
        public const string Diagnostics = nameof(Diagnostics);
    }
}
