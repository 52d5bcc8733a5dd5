using Microsoft.Extensions.Configuration;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>Holds the sources added before <c>AddSecretReferences</c>; its provider builds them, once, and serves
/// their keys with references resolved.</summary>
internal sealed class SecretReferenceConfigurationSource(IReadOnlyList<IConfigurationSource> sources, SecretReferenceOptions options) : IConfigurationSource
{
    public IReadOnlyList<IConfigurationSource> Sources { get; } = sources;

    public IConfigurationProvider Build(IConfigurationBuilder builder) =>
        new SecretReferenceConfigurationProvider(Sources, builder, options);
}
