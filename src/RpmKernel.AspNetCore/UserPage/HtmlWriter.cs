using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace RpmKernel.AspNetCore.UserPage;

/// <summary>
/// Builds an HTML document where every text goes through the HTML encoder: only <see cref="Raw"/> writes markup,
/// and it is called with literals of this assembly only, never with stored or request text.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new();

    /// <summary>Writes markup of this assembly as it is.</summary>
    public HtmlWriter Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Writes <paramref name="text"/> encoded (stored history text is hostile).</summary>
    public HtmlWriter Text(string? text)
    {
        _html.Append(HtmlEncoder.Default.Encode(text ?? ""));
        return this;
    }

    /// <summary>Writes an element holding encoded <paramref name="text"/>.</summary>
    public HtmlWriter Element(string tag, string? text, string? cssClass = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _html.Append(" class=\"").Append(cssClass).Append('"');
        }

        _html.Append('>');
        Text(text);
        return Raw($"</{tag}>");
    }

    /// <summary>A number with invariant formatting.</summary>
    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => _html.ToString();
}
