namespace SecretsAbstractions.Internal;

/// <summary>
/// Resolves every symbolic link (and junction) in a path, like <c>realpath(3)</c>, so that the file store
/// can check where a name really leads before it reads or writes anything.
/// </summary>
internal static class RealPath
{
    // The limit Linux applies (MAXSYMLINKS) before failing with ELOOP.
    private const int MaxLinkHops = 40;

    private static readonly char[] Separators = OperatingSystem.IsWindows() ? ['\\', '/'] : ['/'];

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Resolves <paramref name="path"/> to an absolute path with no links, <c>.</c> or <c>..</c> in it.</summary>
    /// <returns>The real path, or <see langword="null"/> when the path or a directory on its way does not exist
    /// (including a link that points nowhere).</returns>
    /// <exception cref="IOException">The links loop, or a directory on the way cannot be read.</exception>
    public static string? Resolve(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string current = Path.GetPathRoot(fullPath)!;
        var pending = new Stack<string>();
        PushComponents(pending, fullPath[current.Length..]);
        int hops = 0;
        while (pending.TryPop(out string? component))
        {
            if (component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                // current has no links in it, so its parent is the real parent.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string candidate = Path.Join(current, component);
            string? linkTarget = new FileInfo(candidate).LinkTarget;
            if (linkTarget is null)
            {
                if (!Path.Exists(candidate))
                {
                    return null;
                }

                current = candidate;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"Too many levels of symbolic links at '{candidate}'.");
            }

            // The link's target is read component by component: its own links and '..' are resolved in turn.
            if (Path.IsPathFullyQualified(linkTarget))
            {
                current = Path.GetPathRoot(linkTarget)!;
                PushComponents(pending, linkTarget[current.Length..]);
            }
            else if (Path.IsPathRooted(linkTarget))
            {
                current = Path.GetPathRoot(current)!;
                PushComponents(pending, linkTarget);
            }
            else
            {
                PushComponents(pending, linkTarget);
            }
        }

        return current;
    }

    /// <summary>Whether <paramref name="realPath"/> is strictly inside the directory <paramref name="realRoot"/>;
    /// both must come from <see cref="Resolve"/>.</summary>
    public static bool IsInside(string realPath, string realRoot)
    {
        string root = Path.TrimEndingDirectorySeparator(realRoot);
        if (!realPath.StartsWith(root, PathComparison))
        {
            return false;
        }

        // Only a file system root such as '/' or 'C:\' keeps its final separator after trimming.
        return Path.EndsInDirectorySeparator(root)
            ? realPath.Length > root.Length
            : realPath.Length > root.Length + 1 && Array.IndexOf(Separators, realPath[root.Length]) >= 0;
    }

    private static void PushComponents(Stack<string> pending, string relativePath)
    {
        string[] components = relativePath.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        for (int i = components.Length - 1; i >= 0; i--)
        {
            pending.Push(components[i]);
        }
    }
}
