using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace S3Exchange.Generators.Tests;

/// <summary>The one diagnostics table: stable ids, titles and messages from Resources/Strings.resx.</summary>
public sealed class DiagnosticDescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void Ids_are_S3X0001_to_S3X0014_in_table_order()
        => Assert.Equal(Enumerable.Range(1, 14).Select(i => $"S3X{i:D4}"), Descriptors.Select(d => d.Id));

    [Fact]
    public void Titles_and_messages_come_from_the_resources()
    {
        Assert.All(Descriptors, descriptor =>
        {
            Assert.IsType<LocalizableResourceString>(descriptor.Title);
            Assert.IsType<LocalizableResourceString>(descriptor.MessageFormat);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(CultureInfo.InvariantCulture)), $"{descriptor.Id} has no title.");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture)), $"{descriptor.Id} has no message.");
        });
    }

    [Fact]
    public void Messages_are_valid_format_strings()
    {
        // Three arguments is the most any message takes; a stray brace would throw here rather than when reported.
        Assert.All(Descriptors, descriptor => _ = string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), "a", "b", "c"));
    }

    [Fact]
    public void Only_S3X0013_is_a_warning()
        => Assert.Equal(["S3X0013"], Descriptors.Where(d => d.DefaultSeverity == DiagnosticSeverity.Warning).Select(d => d.Id));
}
