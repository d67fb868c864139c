namespace S3Exchange.Generators.Model
{
    /// <summary>How an S3 namespace was declared.</summary>
    internal enum DeclarationSource
    {
        /// <summary>[S3Namespace] on a partial class.</summary>
        Attribute,

        /// <summary>An &lt;S3ExchangeNamespace&gt; MSBuild item.</summary>
        MsBuildItem,
    }
}
