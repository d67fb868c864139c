using System.Globalization;
using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Configuration;

/// <summary>
/// Reads the tasks' string properties into values, collecting every problem instead of stopping
/// at the first (<see cref="ThrowIfInvalid"/> reports them together). An empty property is
/// null: the default then is the runtime's, as the props file states it.
/// </summary>
internal sealed class PropertyReader
{
    private readonly List<BuildFailure> problems = [];

    public int? PositiveInt(string property, string? value) =>
        WholeNumber(property, value, 1, int.MaxValue, "a positive whole number");

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="expected"/> says so in the error.</summary>
    public int? WholeNumber(string property, string? value, int min, int max, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Invalid(property, value, expected);
        return null;
    }

    public long? Bytes(string property, string? value, bool allowZero)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && (number > 0 || allowZero))
        {
            return number;
        }

        Invalid(property, value, allowZero ? "a whole number of bytes, 0 or more" : "a positive whole number of bytes");
        return null;
    }

    public bool? Bool(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (bool.TryParse(value.Trim(), out var flag))
        {
            return flag;
        }

        Invalid(property, value, "'true' or 'false'");
        return null;
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive); the first choice's name is what the message shows first.</summary>
    public T? Choice<T>(string property, string? value, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (var (name, choice) in choices)
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        Invalid(property, value, string.Join(" or ", choices.Select(c => $"'{c.Name}'").Distinct()));
        return null;
    }

    public void Invalid(string property, string value, string expected) =>
        problems.Add(new BuildFailure("InvalidProperty", [property, value, expected]));

    public void Add(BuildFailure problem) => problems.Add(problem);

    /// <exception cref="InvalidPropertiesException">Any property was invalid.</exception>
    public void ThrowIfInvalid()
    {
        if (problems.Count > 0)
        {
            throw new InvalidPropertiesException(problems.ToList());
        }
    }
}
