using Microsoft.SemanticKernel;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.Evaluation.Methods;

/// <summary>
/// A baseline: one prompt from <c>prompts/baselines/</c> with no examples (zero-shot) or the user's K
/// most relevant history items found by BM25 or by query-text embeddings (the LaMP retrieval prompt).
/// </summary>
internal sealed class BaselineMethod : EvalMethod
{
    private readonly string _promptKey;
    private readonly ExampleSource _examples;

    /// <summary>Creates the method; the prompt is read and checked now.</summary>
    public BaselineMethod(string name, EvalServices services, string prompt, ExampleSource examples, string version = PromptLibrary.DefaultVersion)
        : base(name, services)
    {
        _examples = examples;
        _promptKey = PromptLibrary.BaselineKey(prompt, version);
        _ = services.Invoker.Prompts.GetBaseline(prompt, version);
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> Prompts => [_promptKey];

    /// <inheritdoc />
    public override async Task<MethodAnswer> AnswerAsync(UserContext user, EvalTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(target);
        var arguments = new KernelArguments();
        if (_examples != ExampleSource.None)
        {
            var items = _examples == ExampleSource.Bm25
                ? user.Bm25Top(target.Query, Services.TopK)
                : (await user.EmbeddingTopAsync(target.Query, Services.TopK, cancellationToken).ConfigureAwait(false)).Select(x => x.Item).ToList();
            arguments["examples"] = PromptedAnswer.Examples(items.Select(i => (i.Query, i.Answer)));
        }

        var usage = new UsageLedger();
        var output = await PromptedAnswer.AskAsync(Services, _promptKey, user.Task, target.Query, arguments, usage, cancellationToken).ConfigureAwait(false);
        return new MethodAnswer(output, usage.Total);
    }
}
