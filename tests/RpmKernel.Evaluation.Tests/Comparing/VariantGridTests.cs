using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Comparing;
using RpmKernel.Evaluation.Methods;

namespace RpmKernel.Evaluation.Tests.Comparing;

public sealed class VariantGridTests
{
    private static readonly string[] s_baselines = ["rag", "zero-shot"];

    [Fact]
    public void Two_axes_make_a_grid_of_four_whose_first_variant_is_every_first_value()
    {
        var axes = VariantGrid.Parse(["generate=v1,v2"], ["m1,m2"], s_baselines);

        var variants = VariantGrid.Variants(axes);

        Assert.Equal(["generate=v1 model=m1", "generate=v1 model=m2", "generate=v2 model=m1", "generate=v2 model=m2"], variants.Select(v => v.Name));
        var pairs = VariantGrid.Pairs(axes, variants);
        Assert.Equal(4, pairs.Count);
        Assert.Contains(pairs, p => p.Axis.Key == "generate" && p.A.Name == "generate=v1 model=m2" && p.B.Name == "generate=v2 model=m2");
        Assert.Contains(pairs, p => p.Axis.IsModel && p.A.Name == "generate=v2 model=m1" && p.B.Name == "generate=v2 model=m2");
        Assert.All(pairs, p => Assert.Equal(p.Axis.Values[0], p.A.ValueOf(p.Axis.Key)));
    }

    [Fact]
    public void Three_versions_compare_the_later_two_with_the_first()
    {
        var axes = VariantGrid.Parse(["rag=v1,v2,v3"], [], s_baselines);

        var pairs = VariantGrid.Pairs(axes, VariantGrid.Variants(axes));

        Assert.Equal([("v1", "v2"), ("v1", "v3")], pairs.Select(p => (p.A.ValueOf("rag")!, p.B.ValueOf("rag")!)));
    }

    [Theory]
    [InlineData("generate", "is not STAGE=V1,V2")]
    [InlineData("generate=v1", "needs at least two")]
    [InlineData("generate=v1,v1", "names 'v1' twice")]
    [InlineData("summarize=v1,v2", "there is no prompt 'summarize'")]
    public void A_bad_compare_is_one_clear_error(string spec, string message)
    {
        var error = Assert.Throws<RpmInputException>(() => VariantGrid.Parse([spec], [], s_baselines));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_stage_twice_is_refused()
    {
        var error = Assert.Throws<RpmInputException>(() => VariantGrid.Parse(["generate=v1,v2", "generate=v1,v3"], [], s_baselines));

        Assert.Contains("given twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_methods_a_comparison_runs_only_the_methods_the_varied_prompts_affect()
    {
        Assert.Equal([MethodCatalog.Rpm], VariantGrid.DefaultMethods(VariantGrid.Parse(["generate=v1,v2"], [], s_baselines)));
        Assert.Equal([MethodCatalog.RagBm25, MethodCatalog.RagEmbedding], VariantGrid.DefaultMethods(VariantGrid.Parse(["rag=v1,v2"], [], s_baselines)));
        Assert.Equal([MethodCatalog.Rpm], VariantGrid.DefaultMethods(VariantGrid.Parse([], ["a,b"], s_baselines)));
    }

    [Fact]
    public void A_variant_folder_keeps_only_safe_characters()
    {
        var variant = VariantGrid.Variants(VariantGrid.Parse(["generate=v1,v2"], ["openai/gpt-4o:mini,x"], s_baselines))[0];

        Assert.Equal("generate=v1+model=openai_gpt-4o_mini", variant.Folder);
    }
}
