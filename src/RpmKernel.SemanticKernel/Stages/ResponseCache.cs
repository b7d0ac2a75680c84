using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// The content-addressed cache of stage answers: the key is a SHA-256 over the stage's model id, the
/// rendered messages and the settings (structured-output mode, schema, temperature...), so an
/// unchanged request is answered without a model call. Entries belong to the user they were made for.
/// </summary>
internal sealed class ResponseCache
{
    private readonly IResponseCacheStore _store;
    private readonly TimeProvider _time;
    private readonly StageChatMap _models;

    public ResponseCache(IResponseCacheStore store, TimeProvider time, StageChatMap models)
    {
        _store = store;
        _time = time;
        _models = models;
    }

    /// <summary>The key of <paramref name="call"/>'s request once rendered: model, messages, and every setting that shapes the answer.</summary>
    public string KeyOf(StageCall call, string renderedMessages)
    {
        var settings = new JsonObject
        {
            ["structured_output"] = _models.Chat(call.Prompt.Stage).StructuredOutput.ToString(),
            ["settings"] = call.Prompt.Settings.DeepClone(),
            ["schema"] = call.Schema.DeepClone(),
        };
        return Hash(_models.ModelId(call.Prompt.Stage), renderedMessages, settings.ToJsonString());
    }

    /// <summary>The hex SHA-256 of a request; each part is length-prefixed so no two requests share a key.</summary>
    public static string Hash(string model, string renderedMessages, string settings)
    {
        var text = new StringBuilder();
        foreach (var part in new[] { model, settings, renderedMessages })
        {
            text.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public Task<CachedResponse?> GetAsync(StageCallContext context, string hash, CancellationToken cancellationToken) =>
        _store.GetAsync(context.UserId, hash, cancellationToken);

    /// <summary>Keeps a validated answer; a call that was paid for is cached even when the operation is being cancelled.</summary>
    public Task SetAsync(StageCallContext context, string stage, string hash, string content, long inputTokens, long outputTokens) =>
        _store.SetAsync(
            new CachedResponse
            {
                UserId = context.UserId,
                Task = context.Task,
                Stage = stage,
                Hash = hash,
                Content = content,
                InputTokens = inputTokens,
                OutputTokens = outputTokens,
                CreatedAt = _time.GetUtcNow(),
            },
            CancellationToken.None);
}
