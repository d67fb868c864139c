using S3Exchange.Keys;

namespace S3Exchange.Generators.Model
{
    /// <summary>
    /// One piece of a key template: literal text, or a placeholder with its declared type and
    /// the C# parameter name the factory method gives it.
    /// </summary>
    /// <param name="Kind">Literal, factory parameter or store variable.</param>
    /// <param name="Text">The literal text, or the placeholder's name.</param>
    /// <param name="Type">The placeholder's declared type (String for literals).</param>
    /// <param name="ParameterName">The C# parameter name (empty unless a parameter).</param>
    internal sealed record KeyPartModel(KeyPartKind Kind, string Text, PlaceholderType Type, string ParameterName);
}
