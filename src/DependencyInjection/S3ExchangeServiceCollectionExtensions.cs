using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using S3Exchange;
using S3Exchange.Extensions.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers S3Exchange stores in a service collection.</summary>
public static class S3ExchangeServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="AddS3Exchange(IServiceCollection, IConfiguration)"/> examples use: <c>S3Exchange</c>.</summary>
    public const string DefaultSectionName = "S3Exchange";

    /// <summary>
    /// Registers the application's <see cref="S3ExchangeStore"/> (a singleton) from
    /// <paramref name="configuration"/>, e.g. <c>builder.Configuration.GetSection("S3Exchange")</c>.
    /// Unset values come from the <c>S3_*</c> environment; the options are validated when the
    /// host starts. An <c>IAmazonS3</c> already registered is used when the section names no
    /// endpoint or credentials of its own; otherwise the store builds (and owns) its client.
    /// </summary>
    public static IServiceCollection AddS3Exchange(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, Options.Options.DefaultName, null, SectionPath(configuration), builder => builder.Bind(configuration));
    }

    /// <summary>Registers the application's <see cref="S3ExchangeStore"/> with options set in code.</summary>
    public static IServiceCollection AddS3Exchange(this IServiceCollection services, Action<S3ExchangeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, Options.Options.DefaultName, null, DefaultSectionName, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers a store under <paramref name="name"/> as a keyed singleton, for
    /// <c>[FromKeyedServices("training")] S3ExchangeStore store</c>, with its own options (named
    /// <paramref name="name"/>). A keyed <c>IAmazonS3</c> with the same key is preferred to an unkeyed one.
    /// </summary>
    public static IServiceCollection AddKeyedS3Exchange(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, name, name, SectionPath(configuration), builder => builder.Bind(configuration));
    }

    private static IServiceCollection Register(IServiceCollection services, string name, string? key, string sectionPath, Action<OptionsBuilder<S3ExchangeOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<S3ExchangeOptions>(name);
        configure(options);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<S3ExchangeOptions>>(new S3ExchangeOptionsValidator(name, sectionPath));
        if (key is null)
        {
            services.TryAddSingleton(provider => StoreFactory.Create(provider, name, null, sectionPath));
        }
        else
        {
            services.TryAddKeyedSingleton(key, (provider, _) => StoreFactory.Create(provider, name, key, sectionPath));
        }

        return services;
    }

    private static string SectionPath(IConfiguration configuration) =>
        configuration is IConfigurationSection { Path.Length: > 0 } section ? section.Path : DefaultSectionName;
}
