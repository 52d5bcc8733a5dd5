namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Marks that the <c>HashiCorpVault</c> store type is registered, so that it is registered once.</summary>
internal sealed class HashiCorpVaultStoreTypeMarker;
