using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using RpmKernel.SemanticKernel.ChatClients;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Telemetry;
using RpmKernel.Testing;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace RpmKernel.Benchmarks;

/// <summary>
/// A profiling aid for the stage model calls: the chat requests of warm personalize calls, recorded,
/// then sent again through each depth of the model stack (a plain HttpClient, the resilient one, the
/// OpenAI SDK, Semantic Kernel's connector, RPM's adapter, the decorators with a span listener), the
/// depths interleaved round by round, each call timed beyond the server's handling.
/// <c>RPM_STACK_ROUNDS</c> sets the rounds (default 30).
/// </summary>
internal sealed class ModelStackBenchmark : IBenchmark
{
    public string Name => "model-stack";

    public string Description => "a profiling aid: one stage model call's cost beyond the server at each depth of the model stack";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("RPM_STACK_ROUNDS"), out var r) ? r : 30;
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var replies = new TargetFeatureReplies();
        host.Server.Respond(replies.Answer);
        var runtime = host.Runtime();
        await SeededHistory.SeedUserAsync(runtime, "me", 500, seed: 500, cancellationToken);
        host.Server.ClearRequests();
        foreach (var query in SyntheticHistory.Queries(20, seed: 501))
        {
            await runtime.Pipeline.PersonalizeAsync("me", "lamp2", query, cancellationToken);
        }

        var requests = host.Server.ChatRequests.ToList();
        Console.WriteLine("   ... headers of a stage request: " + string.Join("; ", requests[0].Headers.Where(h => h.Key != "Authorization").Select(h => $"{h.Key}: {h.Value}")));
        var chat = new RpmChatOptions { Endpoint = host.Server.Endpoint, ApiKey = "bench-key", Model = runtime.Options.Chat.Model };
        using var plain = new HttpClient();
        using var resilient = ModelHttpClientFactory.Create(chat, loggerFactory: null);
        var openAI = ChatClientFactory.CreateOpenAIClient(chat.Endpoint, chat.ApiKey, resilient);
        var sdk = openAI.GetChatClient(chat.Model);
        var quiet = Variant(chat, resilient, o => o.ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false });
        var untraced = Variant(chat, resilient, o => o.EnableDistributedTracing = false);
        var once = Variant(chat, resilient, o => o.RetryPolicy = new SingleAttemptPolicy());
        var lean = Variant(chat, resilient, o =>
        {
            o.ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false };
            o.EnableDistributedTracing = false;
            o.RetryPolicy = new SingleAttemptPolicy();
        });
        var service = new OpenAIChatCompletionService(chat.Model, openAI);
        using var adapter = new ChatCompletionServiceChatClient(service, chat.Model);
        using var traced = new ChatClientBuilder(adapter).UseOpenTelemetry(null, RpmTelemetry.Name).Build();
        using var decorated = new ConcurrencyLimitingChatClient(traced, chat.MaxConcurrency);
        using var spans = new SpanTimes();
        var calls = requests.Select(Parse).ToList();

        var depths = new (string Name, Func<int, Task> Send)[]
        {
            ("plain HttpClient", i => PostAsync(plain, host.Server.BaseAddress, requests[i], cancellationToken)),
            ("resilient HttpClient", i => PostAsync(resilient, host.Server.BaseAddress, requests[i], cancellationToken)),
            ("SDK protocol (bytes)", i => sdk.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(requests[i].Body)), new RequestOptions { CancellationToken = cancellationToken })),
            ("SDK protocol, no logging", i => quiet.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(requests[i].Body)), new RequestOptions { CancellationToken = cancellationToken })),
            ("SDK protocol, no tracing", i => untraced.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(requests[i].Body)), new RequestOptions { CancellationToken = cancellationToken })),
            ("SDK protocol, one attempt", i => once.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(requests[i].Body)), new RequestOptions { CancellationToken = cancellationToken })),
            ("SDK protocol, all three", i => lean.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(requests[i].Body)), new RequestOptions { CancellationToken = cancellationToken })),
            ("OpenAI SDK", i => sdk.CompleteChatAsync(calls[i].Sdk, calls[i].SdkOptions(), cancellationToken)),
            ("SK connector", i => service.GetChatMessageContentAsync(calls[i].History(), ConnectorExecutionSettings.Fill(new OpenAIPromptExecutionSettings(), calls[i].Options), kernel: null, cancellationToken)),
            ("RPM adapter", i => adapter.GetResponseAsync(calls[i].Messages, calls[i].Options, cancellationToken)),
            ("decorated", i => decorated.GetResponseAsync(calls[i].Messages, calls[i].Options, cancellationToken)),
        };

        var times = depths.Select(_ => new List<double>()).ToArray();
        var bytes = new long[depths.Length];
        for (var round = 0; round < rounds + 2; round++)
        {
            for (var d = 0; d < depths.Length; d++)
            {
                for (var i = 0; i < requests.Count; i++)
                {
                    var handlingBefore = host.Server.HandlingTime;
                    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                    var clock = Stopwatch.StartNew();
                    await depths[d].Send(i);
                    clock.Stop();
                    if (round >= 2)
                    {
                        bytes[d] += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                        times[d].Add(clock.Elapsed.TotalMilliseconds - (host.Server.HandlingTime - handlingBefore).TotalMilliseconds);
                    }
                }
            }
        }

        var lines = new List<string>();
        for (var d = 0; d < depths.Length; d++)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{depths[d].Name,-22} p50 {Percentiles.Of(times[d], 50) * 1000,6:F0} us, p25 {Percentiles.Of(times[d], 25) * 1000,6:F0} us, mean {times[d].Average() * 1000,6:F0} us; {bytes[d] / (double)times[d].Count / 1024,6:F1} KiB/call");
            Console.WriteLine("   ... " + line);
            lines.Add(line);
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"{requests.Count} requests × {rounds} rounds; {Timed.LoadAverage()}");
        Console.WriteLine("   ... " + summary);
        lines.Add(summary);
        return new BenchmarkOutcome(Name, "none (a profiling aid)", summary, true, lines);
    }

    private static OpenAI.Chat.ChatClient Variant(RpmChatOptions chat, HttpClient http, Action<OpenAI.OpenAIClientOptions> change)
    {
        var options = new OpenAI.OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            Endpoint = chat.Endpoint,
        };
        change(options);
        return new OpenAI.OpenAIClient(new ApiKeyCredential(chat.ApiKey!), options).GetChatClient(chat.Model);
    }

    // A retry policy that sends once and never retries.
    private sealed class SingleAttemptPolicy : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) => ProcessNext(message, pipeline, currentIndex);

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) => ProcessNextAsync(message, pipeline, currentIndex);
    }

    private static async Task PostAsync(HttpClient client, Uri server, RecordedRequest request, CancellationToken cancellationToken)
    {
        using var content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(server, request.Path.TrimStart('/')), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsStringAsync(cancellationToken);
    }

    // A recorded request read back as the messages and options a stage call gives the chat client.
    private static Call Parse(RecordedRequest request)
    {
        using var body = request.BodyAsJsonDocument();
        var root = body.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray()
            .Select(m => new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), m.GetProperty("content").GetString()))
            .ToList();
        var options = new ChatOptions();
        if (root.TryGetProperty("temperature", out var temperature))
        {
            options.Temperature = temperature.GetSingle();
        }

        if (root.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var schema))
        {
            options.ResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat.ForJsonSchema(schema.GetProperty("schema").Clone(), schema.GetProperty("name").GetString());
            options.AdditionalProperties = new() { [StageResponseFormatChatClient.StrictKey] = schema.TryGetProperty("strict", out var s) && s.GetBoolean() };
        }

        return new Call(messages, options);
    }

    private sealed record Call(List<ChatMessage> Messages, ChatOptions Options)
    {
        public List<OpenAIChatMessage> Sdk { get; } = Messages.Select(ToSdk).ToList();

        public ChatHistory History()
        {
            var history = new ChatHistory();
            foreach (var message in Messages)
            {
                history.AddMessage(new AuthorRole(message.Role.Value), message.Text);
            }

            return history;
        }

        public ChatCompletionOptions SdkOptions()
        {
            var options = new ChatCompletionOptions { Temperature = Options.Temperature };
            if (Options.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } json)
            {
                options.ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                    json.SchemaName!, BinaryData.FromString(JsonSerializer.Serialize(schema)), jsonSchemaIsStrict: true);
            }

            return options;
        }

        private static OpenAIChatMessage ToSdk(ChatMessage message) => message.Role.Value switch
        {
            "system" => new SystemChatMessage(message.Text),
            "assistant" => new AssistantChatMessage(message.Text),
            _ => new UserChatMessage(message.Text),
        };
    }
}
