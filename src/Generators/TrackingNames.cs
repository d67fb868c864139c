namespace S3Exchange.Generators
{
    /// <summary>
    /// Names of the incremental pipeline steps, so tests can check that each step's output is
    /// cached when unrelated code changes.
    /// </summary>
    internal static class TrackingNames
    {
        /// <summary>Classes carrying [S3Namespace], parsed into models.</summary>
        public const string AttributeDeclarations = nameof(AttributeDeclarations);

        /// <summary>S3ExchangeNamespace MSBuild items, parsed into models.</summary>
        public const string MsBuildItemDeclarations = nameof(MsBuildItemDeclarations);

        /// <summary>All declarations merged, with duplicate types detected.</summary>
        public const string MergedDeclarations = nameof(MergedDeclarations);

        /// <summary>One model per generated type.</summary>
        public const string NamespaceModels = nameof(NamespaceModels);

        /// <summary>All diagnostics to report.</summary>
        public const string Diagnostics = nameof(Diagnostics);
    }
}
