namespace SecretsAbstractions.Configuration;

/// <summary>A failed load, given to <see cref="SecretStoreConfigurationOptions.OnLoadException"/>.</summary>
public sealed class SecretStoreLoadExceptionContext
{
    internal SecretStoreLoadExceptionContext(SecretStoreConfigurationProvider provider, Exception exception, bool isReload, bool ignore)
    {
        Provider = provider;
        Exception = exception;
        IsReload = isReload;
        Ignore = ignore;
    }

    /// <summary>The provider whose load failed.</summary>
    public SecretStoreConfigurationProvider Provider { get; }

    /// <summary>Why: a <see cref="SecretStoreException"/> naming the store, with the store's own error (or a
    /// <see cref="TimeoutException"/>, or the collision as an <see cref="InvalidOperationException"/>) inside. Its
    /// messages never hold a secret value.</summary>
    public Exception Exception { get; }

    /// <summary>Whether this was a background (or explicit) reload rather than the first load. A failed reload never
    /// throws: the last good values stay.</summary>
    public bool IsReload { get; }

    /// <summary>At startup, whether to start with empty configuration instead of throwing; starts as
    /// <see cref="SecretStoreConfigurationOptions.Optional"/>. Ignored on reload.</summary>
    public bool Ignore { get; set; }
}
