using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>
/// Proves that a store's test project runs every conformance suite: for each store fixture found, each suite
/// must have a concrete test class. Without this guard, a suite that a project forgot (or one added to this
/// package later) would silently not run.
/// </summary>
[RequiresUnreferencedCode("Finds test classes by scanning assemblies with reflection; for test projects, which are not trimmed.")]
public static class ConformanceCoverage
{
    private static readonly Type SuiteBase = typeof(SecretStoreConformanceTests<>);

    /// <summary>Every conformance suite in this package, as open generic types, ordered by name.</summary>
    public static IReadOnlyList<Type> Suites { get; } =
        [.. SuiteBase.Assembly.GetTypes()
            .Where(type => type.IsClass && type.IsAbstract && type.IsGenericTypeDefinition && type != SuiteBase
                && ConstructedBases(type).Any(b => b.IsGenericType && b.GetGenericTypeDefinition() == SuiteBase))
            .OrderBy(type => type.Name, StringComparer.Ordinal)];

    /// <summary>Finds, for each store fixture in <paramref name="testAssembly"/>, the suites it does not run.</summary>
    /// <param name="testAssembly">A store's test assembly.</param>
    /// <returns>The missing suites (open generic types) by fixture type; fixtures that run every suite are omitted.</returns>
    public static IReadOnlyDictionary<Type, IReadOnlyList<Type>> FindMissingSuites(Assembly testAssembly)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        return FindMissingSuites(LoadableTypes(testAssembly));
    }

    /// <summary>Finds, for each store fixture among <paramref name="testTypes"/>, the suites it does not run.
    /// A fixture is a public concrete <see cref="SecretStoreFixture"/> among the types, or the fixture type argument
    /// of a public concrete suite class among them; non-public types are ignored, as xunit ignores them.</summary>
    /// <param name="testTypes">The types of a store's test project.</param>
    /// <returns>The missing suites (open generic types) by fixture type; fixtures that run every suite are omitted.</returns>
    public static IReadOnlyDictionary<Type, IReadOnlyList<Type>> FindMissingSuites(IEnumerable<Type> testTypes)
    {
        ArgumentNullException.ThrowIfNull(testTypes);
        // Only public types count: xunit runs only public test classes, whose fixtures are therefore public too.
        var types = testTypes.Where(type => type.IsVisible).ToList();
        var implemented = new HashSet<(Type Fixture, Type Suite)>();
        foreach (var testClass in types.Where(type => type.IsClass && !type.IsAbstract && !type.ContainsGenericParameters))
        {
            foreach (var baseType in ConstructedBases(testClass).Where(b => b.IsGenericType))
            {
                var definition = baseType.GetGenericTypeDefinition();
                if (Suites.Contains(definition))
                {
                    implemented.Add((baseType.GetGenericArguments()[0], definition));
                }
            }
        }

        var fixtures = types
            .Where(type => type.IsClass && !type.IsAbstract && !type.ContainsGenericParameters && type.IsSubclassOf(typeof(SecretStoreFixture)))
            .Concat(implemented.Select(pair => pair.Fixture))
            .Distinct();
        var missing = new Dictionary<Type, IReadOnlyList<Type>>();
        foreach (var fixture in fixtures)
        {
            var notRun = Suites.Where(suite => !implemented.Contains((fixture, suite))).ToList();
            if (notRun.Count > 0)
            {
                missing[fixture] = notRun;
            }
        }

        return missing;
    }

    /// <summary>Fails unless <paramref name="testAssembly"/> has at least one store fixture and every fixture runs every suite.</summary>
    /// <param name="testAssembly">A store's test assembly.</param>
    public static void AssertAllSuitesImplemented(Assembly testAssembly)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        AssertAllSuitesImplemented(LoadableTypes(testAssembly), testAssembly.GetName().Name ?? "the test assembly");
    }

    /// <summary>Fails unless <paramref name="testTypes"/> hold at least one store fixture and every fixture runs every suite.</summary>
    /// <param name="testTypes">The types of a store's test project.</param>
    public static void AssertAllSuitesImplemented(IEnumerable<Type> testTypes)
    {
        ArgumentNullException.ThrowIfNull(testTypes);
        AssertAllSuitesImplemented(testTypes.ToList(), "the given types");
    }

    private static void AssertAllSuitesImplemented(IReadOnlyList<Type> testTypes, string source)
    {
        bool hasFixture = testTypes.Any(type => type.IsVisible && !type.IsAbstract
            && (type.IsSubclassOf(typeof(SecretStoreFixture)) || ConstructedBases(type).Any(b => b.IsGenericType && b.GetGenericTypeDefinition() == SuiteBase)));
        if (!hasFixture)
        {
            Assert.Fail($"No store fixture (a public concrete SecretStoreFixture) and no conformance suite class found in {source}.");
        }

        var missing = FindMissingSuites(testTypes);
        if (missing.Count == 0)
        {
            return;
        }

        var message = new StringBuilder("Conformance suites not run in ").Append(source).Append(':').AppendLine();
        foreach (var (fixture, suites) in missing.OrderBy(pair => pair.Key.FullName, StringComparer.Ordinal))
        {
            message.Append("  ").Append(fixture.FullName).Append(": ").AppendJoin(", ", suites.Select(SuiteName)).AppendLine();
        }

        var (exampleFixture, exampleSuites) = missing.First();
        string suite = SuiteName(exampleSuites[0]);
        message.Append("Add one concrete class per missing suite, for example: public sealed class My")
            .Append(suite.Replace("ConformanceTests", "Tests", StringComparison.Ordinal))
            .Append('(').Append(exampleFixture.Name).Append(" fixture) : ").Append(suite)
            .Append('<').Append(exampleFixture.Name).Append(">(fixture);");
        Assert.Fail(message.ToString());
    }

    private static string SuiteName(Type suite) => suite.Name[..suite.Name.IndexOf('`', StringComparison.Ordinal)];

    private static IEnumerable<Type> ConstructedBases(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }

    private static List<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return [.. assembly.GetTypes()];
        }
        catch (ReflectionTypeLoadException partial)
        {
            return [.. partial.Types.OfType<Type>()];
        }
    }
}
