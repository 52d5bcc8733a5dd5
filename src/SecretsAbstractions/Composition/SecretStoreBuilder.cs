namespace SecretsAbstractions;

/// <summary>
/// Builds a chain of decorators around a store. The first <see cref="Use(Func{ISecretStore, ISecretStore})"/>
/// is the outermost: <c>store.AsBuilder().Use(A).Use(B).Build()</c> gives <c>A(B(store))</c>.
/// </summary>
public sealed class SecretStoreBuilder
{
    private readonly Func<IServiceProvider, ISecretStore> _innerStoreFactory;
    private readonly List<Func<ISecretStore, IServiceProvider, ISecretStore>> _decorators = [];

    /// <summary>Starts a builder around an existing store.</summary>
    /// <param name="innerStore">The innermost store.</param>
    public SecretStoreBuilder(ISecretStore innerStore)
    {
        ArgumentNullException.ThrowIfNull(innerStore);
        _innerStoreFactory = _ => innerStore;
    }

    /// <summary>Starts a builder around a store created from services when the chain is built.</summary>
    /// <param name="innerStoreFactory">Creates the innermost store.</param>
    public SecretStoreBuilder(Func<IServiceProvider, ISecretStore> innerStoreFactory)
    {
        ArgumentNullException.ThrowIfNull(innerStoreFactory);
        _innerStoreFactory = innerStoreFactory;
    }

    /// <summary>Adds a decorator; decorators added earlier wrap those added later.</summary>
    /// <param name="decorator">Wraps the store built so far.</param>
    /// <returns>This builder.</returns>
    public SecretStoreBuilder Use(Func<ISecretStore, ISecretStore> decorator)
    {
        ArgumentNullException.ThrowIfNull(decorator);
        return Use((store, _) => decorator(store));
    }

    /// <summary>Adds a decorator that needs services; decorators added earlier wrap those added later.</summary>
    /// <param name="decorator">Wraps the store built so far, given the services.</param>
    /// <returns>This builder.</returns>
    public SecretStoreBuilder Use(Func<ISecretStore, IServiceProvider, ISecretStore> decorator)
    {
        ArgumentNullException.ThrowIfNull(decorator);
        _decorators.Add(decorator);
        return this;
    }

    /// <summary>Builds the chain.</summary>
    /// <param name="services">Services for factories and decorators; an empty provider when <see langword="null"/>.</param>
    /// <returns>The outermost store.</returns>
    /// <exception cref="InvalidOperationException">A factory or decorator returned <see langword="null"/>.</exception>
    public ISecretStore Build(IServiceProvider? services = null)
    {
        services ??= EmptyServiceProvider.Instance;
        var store = _innerStoreFactory(services)
            ?? throw new InvalidOperationException("The inner secret store factory returned null.");
        for (int i = _decorators.Count - 1; i >= 0; i--)
        {
            store = _decorators[i](store, services)
                ?? throw new InvalidOperationException($"The secret store decorator at position {i} returned null.");
        }

        return store;
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
