using System.Text;
using HandlebarsDotNet;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Escapes argument text for the XML chat-prompt format exactly once: the five XML special
/// characters become entities, which Semantic Kernel's chat-prompt parser turns back into text.
/// So text inside a history item can never open or close a <c>&lt;message&gt;</c>.
/// </summary>
internal sealed class XmlTextEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target)
    {
        if (text is null)
        {
            return;
        }

        for (var i = 0; i < text.Length; i++)
        {
            Write(text[i], target);
        }
    }

    public void Encode(string? text, TextWriter target)
    {
        if (text is null)
        {
            return;
        }

        foreach (var c in text)
        {
            Write(c, target);
        }
    }

    public void Encode<T>(T? text, TextWriter target)
        where T : IEnumerator<char>
    {
        if (text is null)
        {
            return;
        }

        while (text.MoveNext())
        {
            Write(text.Current, target);
        }
    }

    private static void Write(char c, TextWriter target)
    {
        switch (c)
        {
            case '&': target.Write("&amp;"); break;
            case '<': target.Write("&lt;"); break;
            case '>': target.Write("&gt;"); break;
            case '"': target.Write("&quot;"); break;
            case '\'': target.Write("&apos;"); break;
            default:
                // Characters XML 1.0 cannot carry at all would make the whole prompt unparseable.
                if (c >= 0x20 || c is '\t' or '\n' or '\r')
                {
                    target.Write(c);
                }

                break;
        }
    }
}
