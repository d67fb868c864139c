namespace S3Exchange.Generators.Model
{
    /// <summary>What a piece of a resolved key is made of.</summary>
    internal enum KeyPartKind
    {
        /// <summary>Literal text copied into the key.</summary>
        Literal,

        /// <summary>A placeholder the factory method takes as a parameter.</summary>
        Parameter,

        /// <summary>A placeholder left as <c>{name}</c> for the store's default variables.</summary>
        StoreVariable,
    }
}
