namespace S3Exchange.Generators.Model
{
    /// <summary>A type the generated class is nested in, as the emitter has to re-declare it.</summary>
    /// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
    /// <param name="Name">The type's name with its type parameter list, e.g. <c>Outer&lt;T&gt;</c>.</param>
    internal sealed record ContainingTypeModel(string Keyword, string Name);
}
