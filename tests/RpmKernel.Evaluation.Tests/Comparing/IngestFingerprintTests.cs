using RpmKernel.Evaluation.Comparing;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Evaluation.Tests.Comparing;

public sealed class IngestFingerprintTests
{
    private static string With(Action<RpmOptions> change)
    {
        var options = new RpmOptions();
        change(options);
        return IngestFingerprint.Of(options);
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("extract-target-features")]
    public void An_online_stage_version_keeps_the_base_ingest(string stage)
    {
        Assert.Equal(With(_ => { }), With(o => o.Prompts.Versions[stage] = "v2"));
    }

    [Theory]
    [InlineData("extract-features")]
    [InlineData("cluster-factors")]
    [InlineData("construct-reasoning")]
    public void An_offline_stage_version_needs_its_own_ingest(string stage)
    {
        Assert.NotEqual(With(_ => { }), With(o => o.Prompts.Versions[stage] = "v2"));
    }

    [Fact]
    public void Naming_the_default_version_is_the_same_ingest_as_leaving_it_out()
    {
        Assert.Equal(With(_ => { }), With(o => o.Prompts.Versions["extract-features"] = "v1"));
    }

    [Fact]
    public void The_chat_model_and_the_embeddings_change_the_ingest_but_retrieval_k_does_not()
    {
        var basis = With(_ => { });

        Assert.NotEqual(basis, With(o => o.Chat.Model = "gpt-4o"));
        Assert.NotEqual(basis, With(o => o.Embeddings.Provider = EmbeddingProvider.OpenAI));
        Assert.Equal(basis, With(o => o.Retrieval.TopK = 9));
    }

    [Fact]
    public void With_the_ingest_model_pinned_a_chat_model_variant_changes_only_serving_and_shares_the_ingest()
    {
        var pinned = With(o => { o.Chat.IngestModel = "gpt-4o"; o.Chat.Model = "gpt-4o-mini"; });

        Assert.Equal(pinned, With(o => { o.Chat.IngestModel = "gpt-4o"; o.Chat.Model = "llama3.1"; }));
        Assert.Equal(pinned, With(o => { o.Chat.IngestModel = "gpt-4o"; o.Chat.ServeModel = "llama3.1"; }));
        Assert.NotEqual(pinned, With(o => { o.Chat.IngestModel = "gpt-4o-2024"; o.Chat.Model = "gpt-4o-mini"; }));
    }

    [Fact]
    public void A_stage_model_of_an_offline_stage_changes_the_ingest_and_one_of_an_online_stage_does_not()
    {
        var basis = With(_ => { });

        Assert.NotEqual(basis, With(o => o.Chat.Stages["construct-reasoning"] = new RpmStageChatOptions { Model = "gpt-4o" }));
        Assert.Equal(basis, With(o => o.Chat.Stages["generate"] = new RpmStageChatOptions { Model = "gpt-4o" }));
    }
}
