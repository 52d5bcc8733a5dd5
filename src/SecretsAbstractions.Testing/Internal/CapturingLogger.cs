using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Testing.Internal;

/// <summary>Renders every record and scope to text at once, so that later changes to the logged objects
/// cannot hide what was logged.</summary>
internal sealed class CapturingLogger(string category, Action<CapturedLogRecord> capture) : ILogger
{
    private const int MaxRenderedItems = 1000;

    public IDisposable BeginScope<TState>(TState state)
        where TState : notnull
    {
        capture(new CapturedLogRecord(category, LogLevel.None, default, Render(state) ?? string.Empty, RenderState(state), exception: null, isScope: true));
        return NoScope.Instance;
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string message = formatter?.Invoke(state, exception) ?? Render(state) ?? string.Empty;
        capture(new CapturedLogRecord(category, logLevel, eventId, message, RenderState(state), exception?.ToString(), isScope: false));
    }

    private static List<KeyValuePair<string, string?>> RenderState<TState>(TState state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? [.. pairs.Select(pair => new KeyValuePair<string, string?>(pair.Key, Render(pair.Value)))]
            : [new KeyValuePair<string, string?>(string.Empty, Render(state))];

    // Bytes are decoded as UTF-8 so that a logged byte[] of a text value is caught as well.
    private static string? Render(object? value) => value switch
    {
        null => null,
        string text => text,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        ReadOnlyMemory<byte> memory => Encoding.UTF8.GetString(memory.Span),
        Memory<byte> memory => Encoding.UTF8.GetString(memory.Span),
        IEnumerable items and not IEnumerable<KeyValuePair<string, object?>> => RenderItems(items),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string RenderItems(IEnumerable items)
    {
        var text = new StringBuilder("[");
        int count = 0;
        foreach (object? item in items)
        {
            if (count++ == MaxRenderedItems)
            {
                text.Append(", ...");
                break;
            }

            text.Append(count > 1 ? ", " : string.Empty).Append(Render(item));
        }

        return text.Append(']').ToString();
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
