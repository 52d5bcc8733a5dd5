using Amazon.Runtime;

namespace SecretsAbstractions.AwsSecretsManager;

/// <summary>Options of <see cref="AwsSecretsManagerSecretStore"/>.</summary>
/// <remarks>
/// <para><b>Endpoint</b>, first that is set: <see cref="ServiceUrl"/>; the environment variable
/// <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>; <c>AWS_ENDPOINT_URL</c>; otherwise
/// <c>https://secretsmanager.{region}.amazonaws.com</c> (<c>secretsmanager-fips</c> with <see cref="UseFips"/>).</para>
/// <para><b>Credentials</b>, first that is set: <see cref="Credentials"/>; the profile <see cref="Profile"/>;
/// otherwise AWSSDK.Core's default chain (environment, profiles, SSO, web identity, container and instance metadata).</para>
/// </remarks>
public sealed class AwsSecretsManagerSecretStoreOptions
{
    /// <summary>The region's system name, such as <c>eu-west-1</c>; when unset, AWSSDK.Core's fallback
    /// (<c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, the profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>Explicit credentials; must be <see langword="null"/> when <see cref="Profile"/> is set.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>A profile of the shared credentials and config files to take credentials from.</summary>
    public string? Profile { get; set; }

    /// <summary>An endpoint of your own (LocalStack, a VPC endpoint, a test server); absolute <c>http</c> or
    /// <c>https</c>, without user information, query or fragment. Cannot be combined with <see cref="UseFips"/>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Whether to use the FIPS endpoint <c>https://secretsmanager-fips.{region}.amazonaws.com</c>;
    /// <see langword="false"/> by default.</summary>
    public bool UseFips { get; set; }

    /// <summary>How long one request may take before it fails with <see cref="SecretStoreErrorCode.Timeout"/>
    /// (measured on the store's <see cref="TimeProvider"/>); 30 seconds by default, from 1 millisecond to 10 minutes.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The innermost HTTP handler (proxy, TLS, test servers); a new <see cref="SocketsHttpHandler"/> by
    /// default. The store adds AWSSDK.Core's SigV4 signing handler in front of it and disposes neither.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Days a deleted secret stays recoverable (7 to 30); <see langword="null"/> for the service's
    /// default of 30. Ignored with <see cref="ForceDeleteWithoutRecovery"/>.</summary>
    public int? RecoveryWindowInDays { get; set; }

    /// <summary>Whether a delete removes the secret at once, without a recovery window; <see langword="false"/> by default.</summary>
    public bool ForceDeleteWithoutRecovery { get; set; }

    /// <summary>How many BatchGetSecretValue calls a bulk read runs at once; 4 by default, from 1 to 64.</summary>
    public int MaxBatchConcurrency { get; set; } = 4;

    /// <summary>The name of the store in errors, logs and metrics; <c>AwsSecretsManager</c> by default.</summary>
    public string? StoreName { get; set; }

    /// <summary>Reads environment variables; <see cref="Environment.GetEnvironmentVariable(string)"/> by default (a test hook).</summary>
    internal Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;
}
