using RpmKernel.Core.Errors;

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
    internal static IReadOnlyList<EvalMethod> Create(IEnumerable<string> names, EvalServices services)
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
            : list.Select(n => Create(n, services)).ToList();
    }

    private static EvalMethod Create(string name, EvalServices services) => name switch
    {
        ZeroShot => new BaselineMethod(name, services, "zero-shot", ExampleSource.None),
        ZeroShotCot => new BaselineMethod(name, services, "zero-shot-cot", ExampleSource.None),
        RagBm25 => new BaselineMethod(name, services, "rag", ExampleSource.Bm25),
        RagBm25Cot => new BaselineMethod(name, services, "rag-cot", ExampleSource.Bm25),
        RagEmbedding => new BaselineMethod(name, services, "rag", ExampleSource.Embedding),
        RpmFactors => new LadderMethod(name, services, "rpm-factors", withPairs: false),
        RpmPairs => new LadderMethod(name, services, "rpm-pairs", withPairs: true),
        RpmPairsCot => new LadderMethod(name, services, "rpm-pairs-cot", withPairs: true),
        Rpm => new FullRpmMethod(services),
        _ => new SurfaceRetrievalMethod(services),
    };
}
