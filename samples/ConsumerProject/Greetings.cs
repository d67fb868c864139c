using S3Exchange;

namespace ConsumerProject.Keys;

/// <summary>A namespace declared with the attribute: one folder of greetings per run.</summary>
[S3Namespace("samples/greetings/{run:guid}")]
public static partial class Greetings;
