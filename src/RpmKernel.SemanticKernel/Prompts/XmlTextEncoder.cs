using System.Buffers;
using System.Text;
using HandlebarsDotNet;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Escapes argument text for the XML chat-prompt format exactly once: the five XML special
/// characters become entities, which Semantic Kernel's chat-prompt parser turns back into text.
/// So text inside a history item can never open or close a <c>&lt;message&gt;</c>.
/// Text between the characters it changes is written as whole runs, not character by character
/// (most of a stage prompt's length is argument text: the query, the retrieved items and their reasoning).
/// </summary>
internal sealed class XmlTextEncoder : ITextEncoder
{
    // What Write changes: the five specials, and the control characters XML 1.0 cannot carry.
    private static readonly SearchValues<char> s_changed = SearchValues.Create(
        "&<>\"'\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000c\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    public void Encode(StringBuilder? text, TextWriter target)
    {
        if (text is null)
        {
            return;
        }

        foreach (var chunk in text.GetChunks())
        {
            Encode(chunk.Span, target);
        }
    }

    public void Encode(string? text, TextWriter target)
    {
        if (text is null)
        {
            return;
        }

        Encode(text.AsSpan(), target);
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

    private static void Encode(ReadOnlySpan<char> text, TextWriter target)
    {
        while (!text.IsEmpty)
        {
            var changed = text.IndexOfAny(s_changed);
            if (changed < 0)
            {
                target.Write(text);
                return;
            }

            if (changed > 0)
            {
                target.Write(text[..changed]);
            }

            Write(text[changed], target);
            text = text[(changed + 1)..];
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
