using System.Globalization;
using System.Text;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>
/// Reads the Python literals GlobalOpinionQA stores as text: a list of strings (<c>options</c>) and
/// <c>defaultdict(&lt;class 'list'&gt;, {'Country': [0.1, 0.9], ...})</c> (<c>selections</c>).
/// Failures throw <see cref="FormatException"/> with what was expected where.
/// </summary>
internal sealed class PythonLiteral
{
    private readonly string _text;
    private int _at;

    private PythonLiteral(string text, int start)
    {
        _text = text;
        _at = start;
    }

    public static IReadOnlyList<string> StringList(string text)
    {
        var reader = new PythonLiteral(text, 0);
        var list = reader.List(r => r.String());
        reader.End();
        return list;
    }

    public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> NumberListsByKey(string text)
    {
        var open = text.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            throw new FormatException("expected a dict '{...}'");
        }

        var reader = new PythonLiteral(text, open + 1);
        var entries = new List<KeyValuePair<string, IReadOnlyList<double>>>();
        reader.Skip();
        while (!reader.TryTake('}'))
        {
            var key = reader.String();
            reader.Expect(':');
            entries.Add(new(key, reader.List(r => r.Number())));
            reader.Skip();
            if (!reader.TryTake(','))
            {
                reader.Expect('}');
                break;
            }

            reader.Skip();
        }

        return entries;
    }

    private List<T> List<T>(Func<PythonLiteral, T> element)
    {
        Expect('[');
        var items = new List<T>();
        Skip();
        while (!TryTake(']'))
        {
            items.Add(element(this));
            Skip();
            if (!TryTake(','))
            {
                Expect(']');
                break;
            }

            Skip();
        }

        return items;
    }

    private string String()
    {
        Skip();
        var quote = _at < _text.Length ? _text[_at] : '\0';
        if (quote is not ('\'' or '"'))
        {
            throw Fail("a quoted string");
        }

        _at++;
        var value = new StringBuilder();
        while (_at < _text.Length && _text[_at] != quote)
        {
            if (_text[_at] == '\\' && _at + 1 < _text.Length)
            {
                _at++;
                value.Append(_text[_at] switch { 'n' => '\n', 't' => '\t', var other => other });
            }
            else
            {
                value.Append(_text[_at]);
            }

            _at++;
        }

        Expect(quote);
        return value.ToString();
    }

    private double Number()
    {
        Skip();
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] is '.' or '-' or '+' or 'e' or 'E'))
        {
            _at++;
        }

        var token = _text[start.._at];
        if (token.Length == 0 && _text.AsSpan(_at).StartsWith("nan", StringComparison.Ordinal))
        {
            _at += 3;
            return double.NaN;
        }

        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Fail("a number");
    }

    private void Expect(char c)
    {
        Skip();
        if (!TryTake(c))
        {
            throw Fail($"'{c}'");
        }
    }

    private bool TryTake(char c)
    {
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void End()
    {
        Skip();
        if (_at < _text.Length)
        {
            throw Fail("the end of the value");
        }
    }

    private void Skip()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Fail(string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"expected {expected} at character {_at + 1}"));
}
