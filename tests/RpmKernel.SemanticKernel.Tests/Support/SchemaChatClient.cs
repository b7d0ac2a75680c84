using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>
/// A hand-written <see cref="IChatClient"/> with no OpenAI types: it answers the JSON schema of the
/// request's response format and reports its tokens only as M.E.AI <see cref="UsageDetails"/>
/// (input = characters of the messages / 4, output = characters of the answer / 4).
/// </summary>
internal sealed class SchemaChatClient(string modelId = "schema-fake") : IChatClient
{
    public ConcurrentQueue<(string SchemaName, string Messages, long Input, long Output)> Calls { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        if (options?.ResponseFormat is not ChatResponseFormatJson { Schema: { } schema } json)
        {
            throw new InvalidOperationException("SchemaChatClient answers JSON-schema requests only.");
        }

        var conversation = string.Join("\n", list.Select(m => m.Text));
        var answer = SchemaAnswer.For(JsonNode.Parse(schema.GetRawText())!.AsObject(), conversation, list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "");
        var (input, output) = ((long)(conversation.Length / 4), (long)(answer.Length / 4));
        Calls.Enqueue((json.SchemaName ?? "", conversation, input, output));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = modelId,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("schema-fake", defaultModelId: modelId) : null;

    public void Dispose()
    {
    }
}
