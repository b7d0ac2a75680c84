using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage.InMemory;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Composition;

/// <summary>
/// RPM composed from the host's own services: its chat client (even one with no OpenAI types), its
/// Semantic Kernel chat service, its embedding generator and vector stores, in the documented order of precedence.
/// </summary>
public sealed class HostServicesTests
{
    [Fact]
    public async Task A_host_chat_client_with_no_OpenAI_types_serves_every_stage_and_its_usage_details_become_token_rows()
    {
        var model = new SchemaChatClient();
        await using var provider = Host(services => services
            .AddSingleton<IChatClient>(model)
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new RandomEmbeddingGenerator(16)));
        var pipeline = provider.GetRequiredService<IRpmPipeline>();

        var ingest = await pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(5));
        var answer = await pipeline.PersonalizeAsync("alice", "lamp2", "A heist crew plans one last job.");

        var schemas = model.Calls.Select(c => c.SchemaName).ToList();
        Assert.Equal(["extracted_features", "user_factors", "reasoning_paths", "target_features", "personalized_answer"], schemas);
        Assert.Empty(ingest.Failed);
        var rows = await provider.GetRequiredService<RpmRuntime>().Storage.Usage.GetAsync("alice");
        Assert.Equal(model.Calls.Sum(c => c.Input), rows.Sum(r => r.InputTokens));
        Assert.Equal(model.Calls.Sum(c => c.Output), rows.Sum(r => r.OutputTokens));
        Assert.All(rows, r => Assert.Equal("schema-fake", r.Model));
        Assert.True(rows.Sum(r => r.InputTokens) > 0);
        var onlineCalls = model.Calls.Skip(3).ToList();
        Assert.Equal((2, onlineCalls.Sum(c => c.Input), onlineCalls.Sum(c => c.Output)), (answer.Usage.Calls, answer.Usage.InputTokens, answer.Usage.OutputTokens));
    }

    [Fact]
    public async Task UseChatClient_wins_over_the_chat_client_the_host_registered()
    {
        var registered = new SchemaChatClient("registered");
        var chosen = new SchemaChatClient("chosen");
        await using var provider = Host(
            services => services
                .AddSingleton<IChatClient>(registered)
                .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new RandomEmbeddingGenerator(16)),
            rpm => rpm.UseChatClient(_ => chosen));

        await provider.GetRequiredService<IRpmPipeline>().IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));

        Assert.Empty(registered.Calls);
        Assert.Equal(3, chosen.Calls.Count);
    }

    [Fact]
    public async Task A_host_Semantic_Kernel_chat_service_is_used_when_there_is_no_chat_client_and_no_Rpm_Chat()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new RandomEmbeddingGenerator(16));
        builder.AddOpenAIChatCompletion("host-model", server.Endpoint, apiKey: "host-key");
        builder.AddRpm(Configuration());
        var kernel = builder.Build();

        var result = await kernel.Services.GetRequiredService<IRpmPipeline>().IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));

        Assert.Empty(result.Failed);
        Assert.Equal(["extracted_features", "user_factors", "reasoning_paths"], server.ChatRequests.Select(r => r.SchemaName()));
        Assert.All(server.ChatRequests, r => Assert.Contains("\"strict\":true", r.Body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.True(result.Usage.InputTokens > 0, "the tokens come from the connector's metadata");
    }

    [Fact]
    public async Task A_host_vector_store_holds_every_store_and_a_second_store_can_take_the_state()
    {
        using var records = new RpmInMemoryVectorStore();
        using var state = new RpmInMemoryVectorStore();
        await using (var provider = Host(services => services
            .AddSingleton<IChatClient>(new SchemaChatClient())
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new RandomEmbeddingGenerator(16))
            .AddSingleton<VectorStore>(records)))
        {
            await provider.GetRequiredService<IRpmPipeline>().IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        }

        // The host's store outlives RPM's container and holds the user: a new composition over it explains alice.
        Assert.Contains("rpm_user_models", await records.ListCollectionNamesAsync().ToListAsync());
        await using (var again = Host(services => services
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new RandomEmbeddingGenerator(16))
            .AddSingleton<VectorStore>(records)))
        {
            Assert.Equal(3, (await again.GetRequiredService<IRpmPipeline>().ExplainAsync("alice", "lamp2")).ItemCount);
        }

        await using var split = Host(
            services => services
                .AddSingleton<IChatClient>(new SchemaChatClient())
                .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new RandomEmbeddingGenerator(16)),
            rpm => rpm.UseVectorStore(_ => records, _ => state));
        await split.GetRequiredService<IRpmPipeline>().IngestAsync("bob", "lamp2", SampleHistories.MovieTags(3));
        Assert.Contains("rpm_user_models", await state.ListCollectionNamesAsync().ToListAsync());
        Assert.Equal(3, (await split.GetRequiredService<IRpmPipeline>().ExplainAsync("bob", "lamp2")).ItemCount);
    }

    [Fact]
    public void Local_embeddings_that_were_not_added_are_one_clear_error()
    {
        using var provider = Host(services => services.AddSingleton<IChatClient>(new SchemaChatClient()), configure: null, embeddingsProvider: "Local");

        var error = Assert.Throws<RpmInputException>(() => provider.GetRequiredService<IRpmPipeline>());

        Assert.Contains("UseLocalEmbeddings()", error.Message, StringComparison.Ordinal);
        Assert.Contains("RpmKernel.Embeddings.Local", error.Message, StringComparison.Ordinal);
    }

    internal static IConfiguration Configuration(string embeddingsProvider = "OpenAI") => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Rpm:Embeddings:Provider"] = embeddingsProvider,
        ["Rpm:Store:Provider"] = "InMemory",
        ["Rpm:Prompts:Directory"] = RepositoryPaths.Prompts,
        ["Rpm:Retrieval:TopK"] = "2",
    }).Build();

    private static ServiceProvider Host(Func<IServiceCollection, IServiceCollection> register, Action<RpmBuilder>? configure = null, string embeddingsProvider = "OpenAI")
    {
        var services = new ServiceCollection();
        register(services).AddRpm(Configuration(embeddingsProvider), configure);
        return services.BuildServiceProvider();
    }
}
