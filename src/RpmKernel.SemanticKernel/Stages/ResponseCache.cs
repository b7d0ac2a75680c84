using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
    private static readonly ConditionalWeakTable<JsonObject, SettingsBytes> s_settingsParts = new();

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
    /// <remarks>
    /// The same key as <see cref="Hash"/> over the settings object <c>{"structured_output", "settings", "schema"}</c>,
    /// computed without copying the schema or concatenating the rendered messages: the settings are
    /// written straight from the prompt's and the call's JSON (once per schema instance, see <see cref="SettingsPart"/>),
    /// and every part is hashed as it is encoded.
    /// </remarks>
    public string KeyOf(StageCall call, string renderedMessages)
    {
        var settings = SettingsPart(_models.Chat(call.Prompt.Stage).StructuredOutput.ToString(), call.Prompt.Settings, call.Schema);

        // The writer escapes every non-ASCII character, so the settings' length in bytes is their length in characters.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendPart(hash, _models.ModelId(call.Prompt.Stage));
        AppendPrefix(hash, settings.Length);
        hash.AppendData(settings);
        hash.AppendData("\n"u8);
        AppendPart(hash, renderedMessages);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The settings object <c>{"structured_output", "settings", "schema"}</c> as UTF-8 JSON, written once per
    /// schema instance (a refined schema is shared by the calls that refine it alike) and made again when the
    /// mode or the prompt's settings are not the ones it was written for.
    /// </summary>
    internal static byte[] SettingsPart(string mode, JsonObject promptSettings, JsonObject schema)
    {
        if (s_settingsParts.TryGetValue(schema, out var part) && part.Mode == mode && ReferenceEquals(part.PromptSettings, promptSettings))
        {
            return part.Bytes;
        }

        var settings = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(settings))
        {
            writer.WriteStartObject();
            writer.WriteString("structured_output", mode);
            writer.WritePropertyName("settings");
            promptSettings.WriteTo(writer);
            writer.WritePropertyName("schema");
            schema.WriteTo(writer);
            writer.WriteEndObject();
        }

        part = new SettingsBytes(mode, promptSettings, settings.WrittenSpan.ToArray());
        s_settingsParts.AddOrUpdate(schema, part);
        return part.Bytes;
    }

    /// <summary>The hex SHA-256 of a request; each part is length-prefixed so no two requests share a key.</summary>
    public static string Hash(string model, string renderedMessages, string settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in new[] { model, settings, renderedMessages })
        {
            AppendPart(hash, part);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // "<length in UTF-16 characters>:<UTF-8 text>\n", the framing every key has used.
    private static void AppendPart(IncrementalHash hash, string part)
    {
        AppendPrefix(hash, part.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(part.Length));
        try
        {
            hash.AppendData(bytes, 0, Encoding.UTF8.GetBytes(part, bytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        hash.AppendData("\n"u8);
    }

    private static void AppendPrefix(IncrementalHash hash, int length)
    {
        Span<byte> prefix = stackalloc byte[12];
        length.TryFormat(prefix, out var written, provider: CultureInfo.InvariantCulture);
        prefix[written++] = (byte)':';
        hash.AppendData(prefix[..written]);
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

    private sealed record SettingsBytes(string Mode, JsonObject PromptSettings, byte[] Bytes);
}
