using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using RpmKernel.Agents.Context;
using RpmKernel.Core.History;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.Testing;

namespace RpmKernel.Agents.Tests.Support;

/// <summary>
/// RPM composed with <c>AddRpm</c> over the in-process OpenAI-compatible server (in-memory store), and
/// a <see cref="ChatClientAgent"/> whose own model is an OpenAI chat client on the same server.
/// </summary>
internal sealed class AgentTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AgentTestHost(FakeOpenAIServer server, ServiceProvider services)
    {
        Server = server;
        _services = services;
        Pipeline = services.GetRequiredService<IRpmPipeline>();
    }

    public FakeOpenAIServer Server { get; }

    public IRpmPipeline Pipeline { get; }

    /// <summary>The user the next new session is bound to, as a host's sign-in would say.</summary>
    public string SignedInUser { get; set; } = "alice";

    /// <summary>When set, the agent's own model throws instead of answering.</summary>
    public bool AgentModelFails { get; set; }

    public static async Task<AgentTestHost> StartAsync()
    {
        var server = await FakeOpenAIServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rpm:Chat:Endpoint"] = server.Endpoint.ToString(),
            ["Rpm:Chat:ApiKey"] = "test-key",
            ["Rpm:Chat:MaxRetries"] = "1",
            ["Rpm:Embeddings:Provider"] = "OpenAI",
            ["Rpm:Embeddings:Model"] = "text-embedding-3-small",
            ["Rpm:Embeddings:Dimensions"] = "64",
            ["Rpm:Store:Provider"] = "InMemory",
        }).Build();
        var services = new ServiceCollection().AddRpm(configuration).BuildServiceProvider();
        return new AgentTestHost(server, services);
    }

    public Task IngestAsync(string userId, IReadOnlyList<HistoryItem> history) => Pipeline.IngestAsync(userId, "lamp2", history);

    /// <summary>A copilot agent with the RPM context provider, binding each session to <see cref="SignedInUser"/>.</summary>
    public ChatClientAgent Agent(RpmContextProviderOptions? options = null)
    {
        var provider = new RpmContextProvider(Pipeline, _ => new RpmScope(SignedInUser, "lamp2"), options);
        var client = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions
        {
            Endpoint = Server.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
        IChatClient model = new FailingChatClient(client.GetChatClient("gpt-4o-mini").AsIChatClient(), () => AgentModelFails);
        return new ChatClientAgent(model, new ChatClientAgentOptions
        {
            Name = "MovieNight",
            ChatOptions = new ChatOptions { Instructions = "You help a user pick a tag for a movie." },
            AIContextProviders = [provider],
        });
    }

    /// <summary>The agent's own chat requests: those that ask for no RPM stage schema.</summary>
    public IReadOnlyList<RecordedRequest> AgentRequests() => Server.ChatRequests.Where(r => r.SchemaName() is null).ToList();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }

    private sealed class FailingChatClient(IChatClient inner, Func<bool> fails) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            fails() ? throw new InvalidOperationException("The agent's model is down.") : base.GetResponseAsync(messages, options, cancellationToken);
    }
}
