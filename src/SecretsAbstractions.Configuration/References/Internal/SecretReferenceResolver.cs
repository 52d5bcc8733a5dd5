using System.Globalization;
using System.Text;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>
/// Resolves the references in a set of configuration values in one pass: every distinct secret (store, name and
/// version) is read once, each store gets one bulk read (its batch API, or at most
/// <see cref="SecretReferenceOptions.MaxConcurrency"/> single reads at a time), and each value is then assembled from
/// its literal text and the secrets' text. Secret values are inserted as they are and never scanned again, so a
/// secret holding <c>${secret:...}</c> cannot pull in another secret.
/// </summary>
/// <remarks>On a reload, a latest-version secret read by the previous pass is not read again when its store offers an
/// <see cref="ISecretChangeProbe"/> and the probe reports the same version (or, without versions, the same update
/// time) as that read did. The comparison is with the properties of the value actually read, so a stale read (from a
/// cache in front of the store) is read again on the next pass rather than kept.</remarks>
internal sealed class SecretReferenceResolver(
    ISecretStoreProvider stores,
    SecretReferenceBinaryMode binaryMode,
    int maxConcurrency,
    IReadOnlyDictionary<SecretReferenceKey, Secret>? previous)
{
    /// <summary>Resolves every value that holds a token; values without one are not in the result.</summary>
    /// <param name="templates">The values to resolve, by configuration key.</param>
    /// <param name="timeout">The time the pass had, for the timeout message.</param>
    /// <param name="timeoutToken">Fires when the pass has run out of time: the stores still reading fail, with a
    /// message saying so.</param>
    /// <param name="cancellationToken">Cancels the pass (disposal): thrown.</param>
    public async Task<SecretReferenceResolution> ResolveAsync(
        IReadOnlyList<KeyValuePair<string, SecretReferenceTemplate>> templates,
        TimeSpan timeout,
        CancellationToken timeoutToken,
        CancellationToken cancellationToken)
    {
        var wanted = templates
            .Where(t => t.Value.UnterminatedError is null)
            .SelectMany(t => t.Value.Tokens)
            .Where(t => t.Reference is not null)
            .Select(t => new SecretReferenceKey(t.Reference!.StoreName, t.Reference.SecretName, t.Reference.Version))
            .Distinct()
            .GroupBy(k => k.StoreName, StringComparer.Ordinal)
            .ToList();

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutToken, cancellationToken);
        var reads = await Task.WhenAll(wanted.Select(group => ReadStoreAsync(group.Key, [.. group], timeout, linked.Token, cancellationToken))).ConfigureAwait(false);
        var secrets = new Dictionary<SecretReferenceKey, Fetched>();
        var resolution = new SecretReferenceResolution();
        foreach (var read in reads)
        {
            foreach (var (key, fetched) in read)
            {
                secrets[key] = fetched;
                if (fetched.Secret is { } secret)
                {
                    resolution.Secrets[key] = secret;
                }

                if (fetched.Reused)
                {
                    resolution.SecretsUnchanged++;
                }
                else
                {
                    resolution.SecretsRead++;
                }
            }
        }

        foreach (var (configurationKey, template) in templates)
        {
            Assemble(configurationKey, template, secrets, resolution);
        }

        return resolution;
    }

    private async Task<List<KeyValuePair<SecretReferenceKey, Fetched>>> ReadStoreAsync(
        string storeName, SecretReferenceKey[] keys, TimeSpan timeout, CancellationToken token, CancellationToken cancellationToken)
    {
        var results = new List<KeyValuePair<SecretReferenceKey, Fetched>>(keys.Length);
        try
        {
            var store = stores.GetStore(storeName);
            var toRead = previous is not null && store.GetService<ISecretChangeProbe>() is { } probe
                ? await ProbeAsync(probe, keys, results, token).ConfigureAwait(false)
                : keys;
            if (toRead.Length == 0)
            {
                return results;
            }

            var requests = toRead.Select(k => new SecretRequest(k.SecretName, k.Version)).ToArray();
            var read = store.GetMetadata().Capabilities.HasFlag(SecretStoreCapabilities.Batch)
                ? await store.GetSecretsAsync(requests, token).ConfigureAwait(false)
                : await SecretBatch.GetInParallelAsync(store, requests, maxConcurrency, token).ConfigureAwait(false);
            for (int i = 0; i < toRead.Length; i++)
            {
                var result = i < read.Count ? read[i] : null;
                results.Add(new(toRead[i], result is null
                    ? Fetched.Failed(new SecretStoreException(SecretStoreErrorCode.Unavailable, "The store returned fewer results than secrets requested.") { StoreName = storeName })
                    : result.Error is { } error ? Fetched.Failed(error)
                    : Fetched.Found(result.Secret)));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var error = new SecretStoreException(
                SecretStoreErrorCode.Timeout,
                string.Create(CultureInfo.InvariantCulture, $"The store did not answer within the load timeout ({timeout})."))
            {
                StoreName = storeName,
                Operation = SecretStoreOperations.GetSecrets,
            };
            results.Clear();
            results.AddRange(keys.Select(k => new KeyValuePair<SecretReferenceKey, Fetched>(k, Fetched.Failed(error))));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            results.Clear();
            results.AddRange(keys.Select(k => new KeyValuePair<SecretReferenceKey, Fetched>(k, Fetched.Failed(error))));
        }

        return results;
    }

    /// <summary>Asks the probe about the latest-version secrets the previous pass read; adds those unchanged (reused)
    /// or gone (not found) to <paramref name="results"/> and returns the keys still to read. A probe that fails only
    /// means the secret is read.</summary>
    private async Task<SecretReferenceKey[]> ProbeAsync(
        ISecretChangeProbe probe, SecretReferenceKey[] keys, List<KeyValuePair<SecretReferenceKey, Fetched>> results, CancellationToken token)
    {
        var candidates = keys.Where(k => k.Version.IsLatest && previous!.TryGetValue(k, out var held) && HasStamp(held.Properties)).ToArray();
        var probed = new SecretProperties?[candidates.Length];
        var answered = new bool[candidates.Length];
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = token };
        await Parallel.ForAsync(0, candidates.Length, parallelism, async (i, ct) =>
        {
            try
            {
                probed[i] = await probe.GetLatestPropertiesAsync(candidates[i].SecretName, ct).ConfigureAwait(false);
                answered[i] = true;
            }
            catch (SecretStoreException)
            {
                // Read it instead: the read reports the failure, if it persists, the way every other failure is reported.
            }
        }).ConfigureAwait(false);

        var settled = new HashSet<SecretReferenceKey>();
        for (int i = 0; i < candidates.Length; i++)
        {
            if (!answered[i])
            {
                continue;
            }

            var held = previous![candidates[i]];
            if (probed[i] is null)
            {
                results.Add(new(candidates[i], Fetched.Found(null)));
                settled.Add(candidates[i]);
            }
            else if (SameVersion(held.Properties, probed[i]!))
            {
                results.Add(new(candidates[i], Fetched.Unchanged(held)));
                settled.Add(candidates[i]);
            }
        }

        return [.. keys.Where(k => !settled.Contains(k))];
    }

    private static bool HasStamp(SecretProperties properties) => properties.Version is not null || properties.UpdatedOn is not null;

    private static bool SameVersion(SecretProperties read, SecretProperties probed) =>
        read.Version is not null
            ? string.Equals(read.Version, probed.Version, StringComparison.Ordinal) && read.UpdatedOn == probed.UpdatedOn
            : read.UpdatedOn is not null && read.UpdatedOn == probed.UpdatedOn;

    private void Assemble(string configurationKey, SecretReferenceTemplate template, Dictionary<SecretReferenceKey, Fetched> secrets, SecretReferenceResolution resolution)
    {
        if (template.UnterminatedError is { } unterminated)
        {
            resolution.Fail(new SecretReferenceResolutionError(configurationKey, null, template.UnterminatedOffset, -1, unterminated + ".", null));
            return;
        }

        var value = new StringBuilder();
        bool failed = false;
        foreach (var part in template.Parts)
        {
            if (part is SecretReferenceTemplate.Literal literal)
            {
                value.Append(literal.Text);
            }
            else if (part is SecretReferenceTemplate.Token token)
            {
                var error = ResolveToken(configurationKey, token, secrets, value);
                if (error is not null)
                {
                    resolution.Fail(error);
                    failed = true;
                }
            }
        }

        if (!failed)
        {
            resolution.Values[configurationKey] = value.ToString();
        }
    }

    private SecretReferenceResolutionError? ResolveToken(string configurationKey, SecretReferenceTemplate.Token token, Dictionary<SecretReferenceKey, Fetched> secrets, StringBuilder value)
    {
        SecretReferenceResolutionError Error(string reason, Exception? exception, int position = -1) =>
            new(configurationKey, token.Text, token.Offset, position, reason, exception);

        if (token.Reference is not { } reference)
        {
            int position = token.ParseError is SecretReferenceFormatException format ? format.Position : -1;
            return Error(string.Create(CultureInfo.InvariantCulture, $"it is not a valid secret reference: {token.ParseError!.Message}"), token.ParseError, position);
        }

        var fetched = secrets[new SecretReferenceKey(reference.StoreName, reference.SecretName, reference.Version)];
        if (fetched.Error is { } failure)
        {
            return Error(DescribeFailure(failure), failure);
        }

        if (fetched.Secret is not { } secret)
        {
            string version = reference.Version.IsLatest ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" at version {reference.Version}");
            return Error(string.Create(CultureInfo.InvariantCulture,
                $"the secret '{SecretName.ForDisplay(reference.SecretName)}'{version} does not exist in store '{reference.StoreName}'."), null);
        }

        var secretValue = secret.Value;
        if (reference.Field is { } field)
        {
            secretValue = secretValue.GetField(field)!;
            if (secretValue is null)
            {
                string why = secret.Value.IsBinary ? "is binary, not a JSON object"
                    : secret.Value.TryGetFields(out _) ? "has no such field"
                    : "is not a JSON object with unique field names";
                return Error(string.Create(CultureInfo.InvariantCulture,
                    $"field '{SecretName.ForDisplay(field)}' was not found: the secret's value {why}."), null);
            }
        }

        if (!secretValue.IsBinary)
        {
            value.Append(secretValue.RevealString());
        }
        else if (binaryMode == SecretReferenceBinaryMode.Base64)
        {
            value.Append(Convert.ToBase64String(secretValue.RevealBytes().Span));
        }
        else
        {
            return Error("the secret's value is binary and a configuration value is text; reference a text secret or a field, or set SecretReferenceOptions.BinaryMode to Base64.", null);
        }

        return null;
    }

    // A SecretStoreException's message never holds a value by contract; any other exception's message is the
    // store's own text, which is not trusted to be free of one, so only its type is given.
    private static string DescribeFailure(Exception failure) => failure switch
    {
        SecretStoreException error => string.Create(CultureInfo.InvariantCulture, $"reading it failed: {error.Message}"),
        Microsoft.Extensions.Options.OptionsValidationException invalid => string.Create(CultureInfo.InvariantCulture, $"the store's declaration is invalid: {invalid.Message}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"reading it failed with an unexpected {failure.GetType().FullName}."),
    };

    private readonly record struct Fetched(Secret? Secret, Exception? Error, bool Reused)
    {
        public static Fetched Found(Secret? secret) => new(secret, null, false);

        public static Fetched Unchanged(Secret secret) => new(secret, null, true);

        public static Fetched Failed(Exception error) => new(null, error, false);
    }
}

/// <summary>One distinct secret that references name: read once per pass however many references name it.</summary>
internal readonly record struct SecretReferenceKey(string StoreName, string SecretName, SecretVersion Version);

/// <summary>What one resolution pass produced: resolved values by key, the failures, and the secrets found (which the
/// next pass may reuse when their change probe says they did not change).</summary>
internal sealed class SecretReferenceResolution
{
    public Dictionary<SecretReferenceKey, Secret> Secrets { get; } = [];

    public int SecretsRead { get; set; }

    public int SecretsUnchanged { get; set; }

    public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<SecretReferenceResolutionError> Errors { get; } = [];

    public HashSet<string> FailedKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Fail(SecretReferenceResolutionError error)
    {
        Errors.Add(error);
        FailedKeys.Add(error.ConfigurationKey);
    }
}
