using Amazon.Runtime;

namespace S3Exchange.Bench.Faults;

/// <summary>One SDK retry configuration under test, e.g. <c>standard/5</c>.</summary>
internal sealed record RetrySetting(RequestRetryMode Mode, int MaxAttempts)
{
    /// <summary>The SDK's own default: standard mode, 3 attempts.</summary>
    public static RetrySetting SdkDefault { get; } = new(RequestRetryMode.Standard, 3);

    /// <summary>Parses <c>mode/attempts</c>, e.g. <c>adaptive/5</c>.</summary>
    public static RetrySetting Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2
            ? new RetrySetting(Enum.Parse<RequestRetryMode>(parts[0], ignoreCase: true), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))
            : throw new FormatException($"'{text}' is not mode/attempts, e.g. standard/5.");
    }

    public override string ToString() => $"{Mode.ToString().ToLowerInvariant()}/{MaxAttempts}";
}
