namespace SecretsAbstractions.Configuration;

/// <summary>What a <see cref="SecretStoreConfigurationProvider"/> does when two secrets give the same configuration key.
/// Configuration keys are case-insensitive, so <c>Db--Password</c> and <c>db/password</c> (both <c>db:password</c>)
/// collide, and so do a JSON secret's field and a secret of that name (<c>db</c> holding <c>{"password":..}</c> and
/// <c>db/password</c>).</summary>
public enum SecretKeyCollisionBehavior
{
    /// <summary>For each colliding key, the secret updated last (<see cref="SecretProperties.UpdatedOn"/>) wins; a secret
    /// without an update time loses to one with it, and between equal times the secret whose name sorts first (ordinal)
    /// wins, so the outcome does not depend on listing order. Each collision is logged as a warning with the key and the
    /// two secret names, never a value.</summary>
    NewestWins = 0,

    /// <summary>A collision fails the load: a required source throws at startup, and a reload keeps the last good values
    /// and reports the failure. The error names the key and the two secrets.</summary>
    Throw = 1,
}
