using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Evaluation.Methods;

/// <summary>The methods <c>rpmk eval</c> knows: the baselines of the paper's Table 1 and the ablation ladder of Table 2.</summary>
public static class MethodCatalog
{
    /// <summary>Task instruction and query only.</summary>
    public const string ZeroShot = "zero-shot";

    /// <summary>Zero-shot with a general chain of thought.</summary>
    public const string ZeroShotCot = "zero-shot-cot";

    /// <summary>The LaMP retrieval prompt with BM25 over the profile, top K.</summary>
    public const string RagBm25 = "rag-bm25";

    /// <summary><see cref="RagBm25"/> with a general chain of thought.</summary>
    public const string RagBm25Cot = "rag-bm25-cot";

    /// <summary>The LaMP retrieval prompt with query-text embedding retrieval, top K.</summary>
    public const string RagEmbedding = "rag-embedding";

    /// <summary>Target features and factor statistics only.</summary>
    public const string RpmFactors = "rpm-factors";

    /// <summary><see cref="RpmFactors"/> plus (query, answer) pairs retrieved by features.</summary>
    public const string RpmPairs = "rpm-pairs";

    /// <summary><see cref="RpmPairs"/> plus a general chain of thought.</summary>
    public const string RpmPairsCot = "rpm-pairs-cot";

    /// <summary>Full RPM: personalized reasoning paths.</summary>
    public const string Rpm = "rpm";

    /// <summary>Full RPM with retrieval by query text instead of features.</summary>
    public const string RpmSurface = "rpm-surface";

    /// <summary>Every method, in report order (baselines, then the ladder bottom-up).</summary>
    public static IReadOnlyList<string> All { get; } =
        [ZeroShot, ZeroShotCot, RagBm25, RagBm25Cot, RagEmbedding, RpmFactors, RpmPairs, RpmPairsCot, Rpm, RpmSurface];

    /// <summary>Creates the named methods (prompts are read and checked now); an unknown name is an input error listing the known ones.</summary>
    internal static IReadOnlyList<EvalMethod> Create(IEnumerable<string> names, EvalServices services, IReadOnlyDictionary<string, string>? baselineVersions = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(services);
        var list = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = list.Where(n => !All.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new RpmInputException($"Unknown method(s) {string.Join(", ", unknown)}; the methods are {string.Join(", ", All)}.");
        }

        return list.Count == 0
            ? throw new RpmInputException($"No method was named; pass --methods with some of {string.Join(", ", All)}.")
            : list.Select(n => Create(n, services, baselineVersions ?? new Dictionary<string, string>())).ToList();
    }

    /// <summary>The methods answering with the baseline prompt <paramref name="prompt"/> (<c>rag</c> → rag-bm25, rag-embedding).</summary>
    internal static IReadOnlyList<string> UsingBaseline(string prompt) =>
        All.Where(m => s_baselinePrompts.TryGetValue(m, out var p) && p == prompt).ToList();

    // The baseline prompt each baseline and lower-ladder method answers with.
    private static readonly Dictionary<string, string> s_baselinePrompts = new(StringComparer.Ordinal)
    {
        [ZeroShot] = "zero-shot",
        [ZeroShotCot] = "zero-shot-cot",
        [RagBm25] = "rag",
        [RagBm25Cot] = "rag-cot",
        [RagEmbedding] = "rag",
        [RpmFactors] = "rpm-factors",
        [RpmPairs] = "rpm-pairs",
        [RpmPairsCot] = "rpm-pairs-cot",
    };

    private static EvalMethod Create(string name, EvalServices services, IReadOnlyDictionary<string, string> versions)
    {
        var prompt = s_baselinePrompts.GetValueOrDefault(name);
        var version = prompt is not null && versions.TryGetValue(prompt, out var v) ? v : PromptLibrary.DefaultVersion;
        return name switch
        {
            ZeroShot or ZeroShotCot => new BaselineMethod(name, services, prompt!, ExampleSource.None, version),
            RagBm25 or RagBm25Cot => new BaselineMethod(name, services, prompt!, ExampleSource.Bm25, version),
            RagEmbedding => new BaselineMethod(name, services, prompt!, ExampleSource.Embedding, version),
            RpmFactors => new LadderMethod(name, services, prompt!, withPairs: false, version),
            RpmPairs or RpmPairsCot => new LadderMethod(name, services, prompt!, withPairs: true, version),
            Rpm => new FullRpmMethod(services),
            _ => new SurfaceRetrievalMethod(services),
        };
    }
}
