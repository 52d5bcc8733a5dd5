using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SecretsAbstractions.AwsSecretsManager.Tests.Server;

/// <summary>What a filter can look at in a secret.</summary>
public sealed record FilterableSecret(string Name, string? Description, IReadOnlyDictionary<string, string> Tags, string? PrimaryRegion, string? OwningService);

/// <summary>
/// The <c>Filters</c> of ListSecrets and BatchGetSecretValue, validated and matched as the service model says
/// (<c>com.amazonaws.secretsmanager#Filter</c>): at most 10 filters, each with a key from the enum and 1 to 10
/// values of at most 512 characters matching <c>^\!?[a-zA-Z0-9 :_@\/\+\=\.\-\!]*$</c>. <c>name</c>, <c>tag-key</c>,
/// <c>tag-value</c>, <c>primary-region</c> and <c>owning-service</c> are case-sensitive prefix matches,
/// <c>description</c> a case-insensitive one, and <c>all</c> splits its value into words, each of which must start
/// a word of some attribute, ignoring case. A value that starts with <c>!</c> negates. A secret matches a filter
/// when it matches one of its plain values (if it has any) and none of its negated ones, and matches the filters
/// when it matches every one of them.
/// </summary>
public sealed partial class SecretFilters
{
    public const int MaxFilters = 10;
    public const int MaxValues = 10;
    public const int MaxValueLength = 512;

    private static readonly string[] Keys = ["description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all"];

    private readonly List<(string Key, string[] Values)> _filters;

    private SecretFilters(List<(string Key, string[] Values)> filters) => _filters = filters;

    public bool IsEmpty => _filters.Count == 0;

    /// <summary>Reads and validates <c>Filters</c>; <see langword="null"/> when the input has none.</summary>
    /// <exception cref="ServiceException">ValidationException, with the service's wording, for a malformed filter.</exception>
    public static SecretFilters? Parse(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new ServiceException("SerializationException", "Start of list found where not expected");
        }

        if (array.Count > MaxFilters)
        {
            throw Validation($"Value at 'filters' failed to satisfy constraint: Member must have length less than or equal to {MaxFilters}");
        }

        var filters = new List<(string Key, string[] Values)>();
        for (int i = 0; i < array.Count; i++)
        {
            int position = i + 1;
            string? key = array[i]?["Key"]?.GetValue<string>();
            if (key is null || !Keys.Contains(key, StringComparer.Ordinal))
            {
                throw Validation($"Value '{key}' at 'filters.{position}.member.key' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Keys)}]");
            }

            var values = array[i]?["Values"] as JsonArray;
            if (values is null || values.Count is 0 or > MaxValues)
            {
                throw Validation($"Value at 'filters.{position}.member.values' failed to satisfy constraint: Member must have length between 1 and {MaxValues}");
            }

            var texts = values.Select(v => v?.GetValue<string>() ?? string.Empty).ToArray();
            if (texts.FirstOrDefault(t => t.Length > MaxValueLength || !ValuePattern().IsMatch(t)) is { } bad)
            {
                throw Validation($"Value '{bad}' at 'filters.{position}.member.values' failed to satisfy constraint: Member must have length less than or equal to {MaxValueLength}, Member must satisfy regular expression pattern: ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$");
            }

            filters.Add((key, texts));
        }

        return new SecretFilters(filters);
    }

    public bool Matches(FilterableSecret secret) => _filters.All(filter => MatchesFilter(filter.Key, filter.Values, secret));

    private static bool MatchesFilter(string key, string[] values, FilterableSecret secret)
    {
        var plain = values.Where(v => !v.StartsWith('!')).ToList();
        var negated = values.Where(v => v.StartsWith('!')).Select(v => v[1..]).ToList();
        return (plain.Count == 0 || plain.Any(v => MatchesValue(key, v, secret))) && !negated.Any(v => MatchesValue(key, v, secret));
    }

    private static bool MatchesValue(string key, string value, FilterableSecret secret) => key switch
    {
        "name" => secret.Name.StartsWith(value, StringComparison.Ordinal),
        "description" => secret.Description?.StartsWith(value, StringComparison.OrdinalIgnoreCase) ?? false,
        "tag-key" => secret.Tags.Keys.Any(k => k.StartsWith(value, StringComparison.Ordinal)),
        "tag-value" => secret.Tags.Values.Any(v => v.StartsWith(value, StringComparison.Ordinal)),
        "primary-region" => secret.PrimaryRegion?.StartsWith(value, StringComparison.Ordinal) ?? false,
        "owning-service" => secret.OwningService?.StartsWith(value, StringComparison.Ordinal) ?? false,
        _ => MatchesAll(value, secret),
    };

    private static bool MatchesAll(string value, FilterableSecret secret)
    {
        var words = Words(secret.Name).Concat(Words(secret.Description)).Concat(secret.Tags.Keys.SelectMany(Words))
            .Concat(secret.Tags.Values.SelectMany(Words)).Concat(Words(secret.PrimaryRegion)).Concat(Words(secret.OwningService)).ToList();
        return Words(value).All(wanted => words.Any(word => word.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)));
    }

    private static IEnumerable<string> Words(string? text) =>
        text is null ? [] : WordSeparators().Split(text).Where(w => w.Length > 0);

    private static ServiceException Validation(string detail) =>
        new("ValidationException", string.Create(CultureInfo.InvariantCulture, $"1 validation error detected: {detail}"));

    [GeneratedRegex(@"^\!?[a-zA-Z0-9 :_@\/\+\=\.\-\!]*$")]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"[\s/_+=.@:-]+")]
    private static partial Regex WordSeparators();
}
