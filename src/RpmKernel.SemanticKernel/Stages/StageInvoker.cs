using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Telemetry;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Calls a stage's prompt function with its output schema, validates the reply, and feeds any
/// validation error back to the model until the reply is valid or the retries are spent. Bounds
/// the calls in flight, answers unchanged requests from the response cache, and accounts for every
/// call (ledger, usage store, "Rpm" traces and metrics).
/// </summary>
public sealed class StageInvoker : IDisposable
{
    private readonly Kernel _kernel;
    private readonly PromptLibrary _prompts;
    private readonly RpmChatOptions _chat;
    private readonly SemaphoreSlim _inFlight;
    private readonly ILogger _logger;
    private readonly ResponseCache? _cache;
    private readonly StageCallRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, KernelFunction> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IPromptTemplate> _renderers = new(StringComparer.Ordinal);
    private readonly RpmHandlebarsPromptTemplateFactory _templates = new();

    /// <summary>Creates the invoker over a kernel whose chat service is the RPM model.</summary>
    /// <param name="kernel">The kernel whose chat service is the RPM model.</param>
    /// <param name="prompts">The prompt library.</param>
    /// <param name="chat">The chat options (concurrency, retries, structured output).</param>
    /// <param name="logger">Logs invalid replies (never user text at Information level).</param>
    /// <param name="cache">The response cache, or null to ask the model every time (Rpm:Cache:Enabled = false).</param>
    /// <param name="usage">The usage store every call is written to, or null.</param>
    /// <param name="time">The clock of usage rows and cache entries.</param>
    public StageInvoker(
        Kernel kernel,
        PromptLibrary prompts,
        RpmChatOptions chat,
        ILogger<StageInvoker>? logger = null,
        IResponseCacheStore? cache = null,
        IUsageStore? usage = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(chat);
        _kernel = kernel;
        _prompts = prompts;
        _chat = chat;
        _inFlight = new SemaphoreSlim(Math.Max(1, chat.MaxConcurrency));
        _logger = logger ?? NullLogger<StageInvoker>.Instance;
        _time = time ?? TimeProvider.System;
        _cache = cache is null ? null : new ResponseCache(cache, _time);
        _recorder = new StageCallRecorder(usage, chat.Model, _time);
    }

    /// <summary>The prompt library the stages read.</summary>
    public PromptLibrary Prompts => _prompts;

    /// <summary>
    /// Invokes <paramref name="stage"/> with <paramref name="arguments"/>, asking for JSON of
    /// <paramref name="schema"/>, and returns what <paramref name="read"/> makes of it.
    /// <paramref name="read"/> throws <see cref="StageOutputException"/> for an invalid reply.
    /// </summary>
    public async Task<T> InvokeAsync<T>(
        string stage,
        JsonObject schema,
        KernelArguments arguments,
        Func<JsonObject, T> read,
        UsageLedger usage,
        CancellationToken cancellationToken)
    {
        var prompt = Require(stage, schema, arguments, read, usage);
        EnsureModelConfigured();
        using var activity = RpmTelemetry.Source.StartActivity($"rpm.stage {stage}");
        activity?.SetTag(RpmTelemetry.StageTag, stage);
        activity?.SetTag(RpmTelemetry.PromptVersionTag, prompt.Version);
        try
        {
            return await InvokeCachedAsync(prompt, schema, arguments, read, usage, activity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RpmTelemetry.Failures.Add(1, RpmTelemetry.Stage(stage));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// The cached answer to exactly this request, without calling the model: <c>Found</c> is false
    /// when the cache is off, has no valid entry, or the ledger has no <see cref="StageCallContext"/>.
    /// </summary>
    public async Task<(bool Found, T Value)> TryCachedAsync<T>(
        string stage,
        JsonObject schema,
        KernelArguments arguments,
        Func<JsonObject, T> read,
        UsageLedger usage,
        CancellationToken cancellationToken)
    {
        var prompt = Require(stage, schema, arguments, read, usage);
        var (_, found, value) = await LookupAsync(prompt, schema, CallArguments(prompt, schema, arguments, null, null), read, usage, null, cancellationToken).ConfigureAwait(false);
        return (found, value);
    }

    /// <summary>Looks up the answer to the first attempt, whose call arguments are <paramref name="firstCall"/>.</summary>
    private async Task<(string? Hash, bool Found, T Value)> LookupAsync<T>(
        PromptFile prompt, JsonObject schema, KernelArguments firstCall, Func<JsonObject, T> read, UsageLedger usage, Activity? activity, CancellationToken cancellationToken)
    {
        if (_cache is null || usage.Context is not { } context)
        {
            return (null, false, default!);
        }

        var watch = Stopwatch.StartNew();
        var hash = await HashAsync(prompt, schema, firstCall, cancellationToken).ConfigureAwait(false);
        if (context.ReadCache && await _cache.GetAsync(context, hash, cancellationToken).ConfigureAwait(false) is { } hit
            && TryRead(hit.Content, read, out var cached))
        {
            activity?.SetTag("rpm.cache_hit", true);
            await _recorder.RecordCacheHitAsync(prompt, usage, hit, watch.Elapsed).ConfigureAwait(false);
            return (hash, true, cached);
        }

        return (hash, false, default!);
    }

    private async Task<T> InvokeCachedAsync<T>(
        PromptFile prompt, JsonObject schema, KernelArguments arguments, Func<JsonObject, T> read, UsageLedger usage, Activity? activity, CancellationToken cancellationToken)
    {
        var firstCall = CallArguments(prompt, schema, arguments, null, null);
        var (hash, found, cached) = await LookupAsync(prompt, schema, firstCall, read, usage, activity, cancellationToken).ConfigureAwait(false);
        if (found)
        {
            return cached;
        }

        activity?.SetTag("rpm.cache_hit", false);
        var function = _functions.GetOrAdd(prompt.Stage, _ => KernelFunctionFactory.CreateFromPrompt(prompt.Config, _templates));
        var attempts = Math.Max(1, _chat.MaxRetries + 1);
        string? lastError = null;
        string? lastContent = null;
        long input = 0, output = 0;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                RpmTelemetry.Retries.Add(1, new KeyValuePair<string, object?>(RpmTelemetry.RetryKindTag, "repair"));
            }

            string? content;
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var watch = Stopwatch.StartNew();
                FunctionResult result;
                try
                {
                    var callArguments = attempt == 1 ? firstCall : CallArguments(prompt, schema, arguments, lastContent, lastError);
                    result = await _kernel.InvokeAsync(function, callArguments, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    await _recorder.RecordFailedCallAsync(prompt, usage, watch.Elapsed).ConfigureAwait(false);
                    throw;
                }

                content = result.GetValue<string>();
                var (callInput, callOutput) = Tokens(result);
                (input, output) = (input + callInput, output + callOutput);
                await _recorder.RecordCallAsync(prompt, usage, callInput, callOutput, watch.Elapsed).ConfigureAwait(false);
            }
            finally
            {
                _inFlight.Release();
            }

            activity?.SetTag("rpm.attempts", attempt);
            activity?.SetTag("rpm.tokens.input", input);
            activity?.SetTag("rpm.tokens.output", output);
            try
            {
                var value = read(StageOutput.Parse(content));
                if (hash is not null)
                {
                    await _cache!.SetAsync(usage.Context!, prompt.Stage, hash, content!, input, output).ConfigureAwait(false);
                }

                return value;
            }
            catch (StageOutputException ex)
            {
                lastError = ex.Message;
                lastContent = content;
                _logger.LogWarning("Stage {Stage} returned invalid output on attempt {Attempt} of {Attempts}: {Error}", prompt.Stage, attempt, attempts, ex.Message);
            }
        }

        throw new RpmModelOutputException($"Stage '{prompt.Stage}' returned invalid output after {attempts} attempt(s): {lastError}");
    }

    /// <summary>Throws <see cref="RpmInputException"/> saying how to configure a model when the kernel has none.</summary>
    public void EnsureModelConfigured()
    {
        if (_kernel.Services.GetService(typeof(IChatCompletionService)) is null)
        {
            throw new RpmInputException(ChatKernelFactory.MissingModelMessage);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _inFlight.Dispose();

    private OpenAIPromptExecutionSettings CreateSettings(PromptFile prompt, JsonObject schema)
    {
        var settings = prompt.Settings.Deserialize<OpenAIPromptExecutionSettings>() ?? new OpenAIPromptExecutionSettings();
        settings.ResponseFormat = _chat.StructuredOutput switch
        {
            StructuredOutputMode.JsonSchema => ChatResponseFormat.CreateJsonSchemaFormat(
                prompt.SchemaName, BinaryData.FromString(schema.ToJsonString()), jsonSchemaIsStrict: true),
            StructuredOutputMode.JsonObject => "json_object",
            _ => null,
        };
        return settings;
    }

    // The schema names learned factors and survey options, so without a strict schema it is written
    // into the user message (output_schema); the system message only gets the fixed instruction.
    private string OutputFormatInstructions() => _chat.StructuredOutput == StructuredOutputMode.JsonSchema
        ? "Reply with one JSON object that follows the response schema."
        : "Reply with one JSON object, and nothing else, that follows the JSON schema at the end of the user message.";

    private string? OutputSchema(JsonObject schema) => _chat.StructuredOutput == StructuredOutputMode.JsonSchema
        ? null
        : "Reply with one JSON object, and nothing else, that follows this JSON schema:\n```json\n" + schema.ToJsonString() + "\n```";

    private PromptFile Require(string stage, JsonObject schema, KernelArguments arguments, Delegate read, UsageLedger usage)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(usage);
        return _prompts.Get(stage);
    }

    private KernelArguments CallArguments(PromptFile prompt, JsonObject schema, KernelArguments arguments, string? lastContent, string? lastError)
    {
        var callArguments = new KernelArguments(CreateSettings(prompt, schema));
        foreach (var (name, value) in arguments)
        {
            callArguments[name] = value;
        }

        callArguments["output_format"] = OutputFormatInstructions();
        callArguments["output_schema"] = OutputSchema(schema);
        if (lastError is not null)
        {
            // The invalid reply goes back as the assistant's turn, followed by the error, so the model repairs it.
            callArguments["previous_answer"] = lastContent ?? "";
            callArguments["repair"] = $"That reply was invalid: {lastError}. Reply again with one JSON object that fixes this and follows the schema.";
        }

        return callArguments;
    }

    /// <summary>The cache key of the first attempt: model, rendered messages, and every setting that shapes the answer.</summary>
    private async Task<string> HashAsync(PromptFile prompt, JsonObject schema, KernelArguments callArguments, CancellationToken cancellationToken)
    {
        var renderer = _renderers.GetOrAdd(prompt.Stage, _ => _templates.Create(prompt.Config));
        var rendered = await renderer.RenderAsync(_kernel, callArguments, cancellationToken).ConfigureAwait(false);
        var settings = new JsonObject
        {
            ["structured_output"] = _chat.StructuredOutput.ToString(),
            ["settings"] = prompt.Settings.DeepClone(),
            ["schema"] = schema.DeepClone(),
        };
        return ResponseCache.Hash(_chat.Model, rendered, settings.ToJsonString());
    }

    private static bool TryRead<T>(string content, Func<JsonObject, T> read, out T value)
    {
        try
        {
            value = read(StageOutput.Parse(content));
            return true;
        }
        catch (StageOutputException)
        {
            // An entry the current validation rejects is stale: ask the model again.
            value = default!;
            return false;
        }
    }

    private static (long Input, long Output) Tokens(FunctionResult result) =>
        result.Metadata is { } metadata && metadata.TryGetValue("Usage", out var value) && value is ChatTokenUsage tokens
            ? (tokens.InputTokenCount, tokens.OutputTokenCount)
            : (0, 0);
}
