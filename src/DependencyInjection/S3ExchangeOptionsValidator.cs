using Microsoft.Extensions.Options;

namespace S3Exchange.Extensions.DependencyInjection;

/// <summary>
/// Checks a store's options when the host starts (<c>ValidateOnStart</c>), naming the setting at
/// fault with its configuration path, so a typo fails the deployment, not the first request.
/// </summary>
internal sealed class S3ExchangeOptionsValidator(string name, string sectionPath) : IValidateOptions<S3ExchangeOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, S3ExchangeOptions options)
    {
        if (!string.Equals(optionsName ?? Options.DefaultName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (options.Endpoint is { Length: > 0 } endpoint && !string.Equals(endpoint, S3ExchangeSettings.AwsEndpoint, StringComparison.OrdinalIgnoreCase)
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{sectionPath}:Endpoint '{endpoint}' is neither an http(s) URL nor 'aws'.");
        }

        if (options.Bucket is { } bucket && string.IsNullOrWhiteSpace(bucket))
        {
            failures.Add($"{sectionPath}:Bucket is empty.");
        }

        if (options.MaxConcurrency is <= 0)
        {
            failures.Add($"{sectionPath}:MaxConcurrency must be positive, not {options.MaxConcurrency}.");
        }

        if (options.PartSizeBytes is { } partSize && partSize < 5 * 1024 * 1024)
        {
            failures.Add($"{sectionPath}:PartSizeBytes must be at least 5242880 (S3's smallest part), not {partSize}.");
        }

        var effectivePartSize = options.PartSizeBytes ?? new S3ExchangeStoreOptions().PartSizeBytes;
        if (options.MemoryBudgetBytes is { } budget && budget < effectivePartSize)
        {
            failures.Add($"{sectionPath}:MemoryBudgetBytes must be at least the part size ({effectivePartSize}), not {budget}.");
        }

        if (options.ShardCompressionLevel is < 0 or > 9)
        {
            failures.Add($"{sectionPath}:ShardCompressionLevel is a gzip level from 0 (stored) to 9 (smallest), not {options.ShardCompressionLevel}.");
        }

        if ((options.AccessKeyId is null) != (options.SecretAccessKey is null))
        {
            failures.Add($"{sectionPath}:AccessKeyId and {sectionPath}:SecretAccessKey go together; set both or neither.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
