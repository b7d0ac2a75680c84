using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Tests.StageModels;

public sealed class StageChatSettingsTests
{
    [Fact]
    public void Each_stage_takes_its_own_model_then_its_phase_shortcut_then_Rpm_Chat_Model_and_says_which()
    {
        var options = Bind(
            ("Rpm:Chat:Model", "base"),
            ("Rpm:Chat:IngestModel", "builder"),
            ("Rpm:Chat:Stages:cluster-factors:Model", "clusterer"),
            ("Rpm:Chat:Stages:Generate:StructuredOutput", "JsonObject"));

        var models = StageChatSettings.Describe(options.Chat);

        Assert.Equal(
            [
                new StageModel(RpmStage.ExtractFeatures, "builder", "Rpm:Chat:IngestModel"),
                new StageModel(RpmStage.ClusterFactors, "clusterer", "Rpm:Chat:Stages:cluster-factors:Model"),
                new StageModel(RpmStage.ConstructReasoning, "builder", "Rpm:Chat:IngestModel"),
                new StageModel(RpmStage.ExtractTargetFeatures, "base", "Rpm:Chat:Model"),
                new StageModel(RpmStage.Generate, "base", "Rpm:Chat:Model"),
            ],
            models);
        Assert.Equal(StructuredOutputMode.JsonObject, StageChatSettings.For(options.Chat, RpmStage.Generate).StructuredOutput);
        Assert.Equal(StructuredOutputMode.JsonSchema, StageChatSettings.For(options.Chat, RpmStage.ExtractTargetFeatures).StructuredOutput);
        Assert.True(StageChatSettings.HasOwnClient(options.Chat, RpmStage.Generate));
        Assert.False(StageChatSettings.HasOwnModel(options.Chat, RpmStage.Generate));
    }

    [Fact]
    public void Unset_stage_settings_fall_back_to_Rpm_Chat_and_a_baseline_prompt_is_served_like_generate()
    {
        var options = Bind(
            ("Rpm:Chat:Endpoint", "http://base.test/v1"),
            ("Rpm:Chat:MaxConcurrency", "3"),
            ("Rpm:Chat:ServeModel", "server"),
            ("Rpm:Chat:Stages:generate:Endpoint", "http://answers.test/v1"));

        var generate = StageChatSettings.For(options.Chat, RpmStage.Generate);
        var baseline = StageChatSettings.For(options.Chat, "baselines/zero-shot/v1");
        var extract = StageChatSettings.For(options.Chat, RpmStage.ExtractFeatures);

        Assert.Equal((new Uri("http://answers.test/v1"), "server", 3), (generate.Endpoint, generate.Model, generate.MaxConcurrency));
        Assert.Equal((generate.Endpoint, generate.Model), (baseline.Endpoint, baseline.Model));
        Assert.Equal((new Uri("http://base.test/v1"), "gpt-4o-mini"), (extract.Endpoint, extract.Model));
        Assert.False(StageChatSettings.HasOwnModel(options.Chat, RpmStage.ExtractFeatures));
    }

    [Theory]
    [InlineData("Rpm:Chat:Stages:genrate:Model", "x", "Rpm:Chat:Stages:genrate names no stage; the stages are extract-features, cluster-factors, construct-reasoning, extract-target-features, generate")]
    [InlineData("Rpm:Chat:Stages:generate:Model", " ", "Rpm:Chat:Stages:generate:Model is empty")]
    [InlineData("Rpm:Chat:Stages:generate:MaxConcurrency", "0", "Rpm:Chat:Stages:generate:MaxConcurrency must be at least 1")]
    [InlineData("Rpm:Chat:Stages:generate:Endpoint", "/v1", "Rpm:Chat:Stages:generate:Endpoint '/v1' is not an absolute http:// or https:// address")]
    [InlineData("Rpm:Chat:ServeModel", " ", "Rpm:Chat:ServeModel is empty")]
    [InlineData("Rpm:Chat:Stages:generate:Modle", "x", "Unknown setting Rpm:Chat:Stages:generate:Modle; did you mean Rpm:Chat:Stages:generate:Model?")]
    public void A_bad_stage_setting_stops_the_start_naming_the_stage_and_key(string key, string value, string message)
    {
        var services = new ServiceCollection();
        services.AddValidatedRpmOptions(Configuration((key, value)));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_model_the_host_client_cannot_reach_is_one_clear_error_naming_the_stage()
    {
        var options = new RpmOptions { Store = { Provider = StoreProvider.InMemory }, Prompts = { Directory = Testing.RepositoryPaths.Prompts } };
        options.Embeddings.Provider = EmbeddingProvider.OpenAI;
        options.Chat.ServeModel = "server";
        var host = new RpmHostServices { ChatClient = new Support.SchemaChatClient(), Embeddings = new Support.RandomEmbeddingGenerator(8) };

        var ex = Assert.Throws<RpmInputException>(() => RpmRuntime.Create(options, host));

        Assert.StartsWith("Rpm:Chat:ServeModel sets stage extract-target-features to model 'server'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UseChatClient(\"extract-target-features\", ...)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_api_key_is_masked_like_the_shared_one()
    {
        var options = Bind(("Rpm:Chat:Stages:generate:ApiKey", "sk-stage-secret-1234"));

        Assert.Equal("key ***", RpmSecrets.Redactor(options).Redact("key sk-stage-secret-1234"));
    }

    internal static bool IsIngest(string stage) => StageChatSettings.IngestStages.Contains(stage);

    private static RpmOptions Bind(params (string Key, string Value)[] settings)
    {
        var options = new RpmOptions();
        Configuration(settings).GetSection(RpmOptions.SectionName).Bind(options);
        return options;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
