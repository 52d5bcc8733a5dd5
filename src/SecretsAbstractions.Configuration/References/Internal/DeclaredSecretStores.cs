using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>Builds the stores declared in configuration, in a private container owned by the reference provider,
/// with core's <c>AddSecretStores</c>, so that the section means exactly what it means to the application's own DI.</summary>
internal static class DeclaredSecretStores
{
    internal const string ReflectionBindingMessage =
        "Binds each declared store's options with the reflection-based configuration binder; the options classes and their properties must be preserved.";

    [RequiresUnreferencedCode(ReflectionBindingMessage)]
    [RequiresDynamicCode(ReflectionBindingMessage)]
    public static ServiceProvider Build(IConfiguration configuration, SecretReferenceOptions options)
    {
        var services = new ServiceCollection();
        if (options.TimeProvider is { } timeProvider)
        {
            services.AddSingleton(timeProvider);
        }

        if (options.LoggerFactory is { } loggerFactory)
        {
            services.AddSingleton(loggerFactory);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        }

        options.ConfigureServices?.Invoke(services);
        services.AddSecretStores(configuration, options.StoresSectionPath, options.ConfigureStore);
        return services.BuildServiceProvider();
    }
}
