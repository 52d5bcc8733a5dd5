namespace SecretsAbstractions.Tests.Stores;

/// <summary>Environment variables for one test: a unique prefix (tests run in parallel in one process),
/// and every variable set through it removed at the end.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly List<string> _variables = [];

    public string Prefix { get; } = $"SA_TEST_{Guid.NewGuid():N}_";

    public EnvironmentVariablesSecretStore CreateStore(string? storeName = null) =>
        new(new EnvironmentVariablesSecretStoreOptions { Prefix = Prefix, StoreName = storeName });

    /// <summary>Sets the variable <see cref="Prefix"/> + <paramref name="suffix"/>.</summary>
    public void Set(string suffix, string? value) => SetVariable(Prefix + suffix, value);

    /// <summary>Sets a variable with exactly this name; it must still be unique to the test.</summary>
    public void SetVariable(string variable, string? value)
    {
        _variables.Add(variable);
        System.Environment.SetEnvironmentVariable(variable, value);
    }

    public void Dispose()
    {
        foreach (string variable in _variables)
        {
            System.Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
