using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Methods;

public sealed class BaselinePromptTests
{
    private static PromptLibrary Library() => PromptLibrary.Load(new RpmPromptOptions());

    [Fact]
    public void Every_baseline_prompt_passes_the_start_up_checks_and_is_reachable_by_its_key()
    {
        var library = Library();

        Assert.Equal(["rag", "rag-cot", "rpm-factors", "rpm-pairs", "rpm-pairs-cot", "zero-shot", "zero-shot-cot"], library.BaselineNames);
        foreach (var name in library.BaselineNames)
        {
            var prompt = library.GetBaseline(name);
            Assert.Same(prompt, library.Get(PromptLibrary.BaselineKey(name)));
            Assert.Contains("answer", prompt.Schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Equal(name.EndsWith("-cot", StringComparison.Ordinal), prompt.Schema["properties"]!.AsObject().ContainsKey("reasoning"));
        }
    }

    [Fact]
    public void A_missing_baseline_version_is_an_input_error_listing_the_baselines()
    {
        var error = Assert.Throws<RpmInputException>(() => Library().GetBaseline("zero-shot", "v9"));

        Assert.Contains("v9", error.Message, StringComparison.Ordinal);
        Assert.Contains("rag-cot", error.Message, StringComparison.Ordinal);
    }
}
