using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Telemetry;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Calls a stage's prompt function with its output schema, validates the reply, and feeds any
/// validation error back to the model until the reply is valid or the retries are spent: the repair
/// loop. Everything else about a model call is a piece of its own that this loop only relies on:
/// the response cache (<see cref="ResponseCacheFilter"/>), and under RPM's chat client the response
/// format, usage accounting, GenAI telemetry and the concurrency bound.
/// </summary>
internal sealed class StageInvoker
{
    private static readonly ConditionalWeakTable<PromptFile, PromptSettings> s_settings = new();

    private readonly StageKernels _kernels;
    private readonly StageFunctions _functions;
    private readonly PromptLibrary _prompts;
    private readonly StageChatMap _models;
    private readonly ResponseCache? _cache;
    private readonly StageCallRecorder _recorder;
    private readonly Func<bool> _modelConfigured;
    private readonly Action? _prepareModel;
    private readonly ILogger _logger;

    public StageInvoker(
        StageKernels kernels,
        PromptLibrary prompts,
        StageChatMap models,
        ResponseCache? cache,
        StageCallRecorder recorder,
        Func<bool> modelConfigured,
        ILogger? logger = null,
        Action? prepareModel = null)
    {
        _prepareModel = prepareModel;
        _kernels = kernels;
        _functions = new StageFunctions();
        _prompts = prompts;
        _models = models;
        _cache = cache;
        _recorder = recorder;
        _modelConfigured = modelConfigured;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The prompt library the stages read.</summary>
    public PromptLibrary Prompts => _prompts;

    /// <summary>The settings and model id of each stage's calls.</summary>
    public StageChatMap Models => _models;

    /// <summary>An invoker of its own over <paramref name="model"/>: no store, no cache, no usage rows (a prompt experiment).</summary>
    public static StageInvoker Standalone(IChatClient model, PromptLibrary prompts, RpmChatOptions chat)
    {
        ArgumentNullException.ThrowIfNull(model);
        var models = StageChatMap.Single(chat, model.GetService<ChatClientMetadata>()?.DefaultModelId ?? chat.Model);
        var recorder = new StageCallRecorder(store: null, models, TimeProvider.System);
        var client = Hosting.ChatClientFactory.Decorate(model, chat, recorder, loggerFactory: null);
        var services = new ServiceCollection().AddKeyedSingleton(StageKernels.ChatClientKey, client).BuildServiceProvider();
        var kernels = new StageKernels(() => new Kernel(services), cacheFilter: null);
        return new StageInvoker(kernels, prompts, models, cache: null, recorder, () => true);
    }

    /// <summary>
    /// Invokes <paramref name="stage"/> with <paramref name="arguments"/>, asking for JSON of
    /// <paramref name="schema"/>, and returns what <paramref name="read"/> makes of it.
    /// <paramref name="read"/> throws <see cref="StageOutputException"/> for an invalid reply.
    /// </summary>
    public async Task<T> InvokeAsync<T>(
        string stage, JsonObject schema, KernelArguments arguments, Func<JsonObject, T> read, UsageLedger usage, CancellationToken cancellationToken)
    {
        var prompt = Require(stage, schema, arguments, read, usage);
        EnsureModelConfigured();

        // Flows to the HTTP retry handler, which names the stage in its notice; reverts when this call returns.
        Hosting.ModelRetry.CurrentStage.Value = stage;
        using var activity = RpmTelemetry.Source.StartActivity($"rpm.stage {stage}");
        activity?.SetTag(RpmTelemetry.StageTag, stage);
        activity?.SetTag(RpmTelemetry.PromptVersionTag, prompt.Version);
        var call = new StageCall(prompt, schema, usage) { ReadCache = usage.Context?.ReadCache ?? false };
        try
        {
            var value = await RepairLoopAsync(call, arguments, read, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("rpm.cache_hit", call.AnsweredFromCache);
            activity?.SetTag("rpm.attempts", call.Attempt);
            activity?.SetTag("rpm.tokens.input", call.InputTokens);
            activity?.SetTag("rpm.tokens.output", call.OutputTokens);
            return value;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RpmTelemetry.Failures.Add(1, RpmTelemetry.Stage(stage));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// The cached answer to exactly this request, without calling the model or the host's filters:
    /// <c>Found</c> is false when the cache is off, has no valid entry, or the ledger has no <see cref="StageCallContext"/>.
    /// </summary>
    public async Task<(bool Found, T Value)> TryCachedAsync<T>(
        string stage, JsonObject schema, KernelArguments arguments, Func<JsonObject, T> read, UsageLedger usage, CancellationToken cancellationToken)
    {
        var prompt = Require(stage, schema, arguments, read, usage);
        if (_cache is null || usage.Context is not { ReadCache: true } owner)
        {
            return (false, default!);
        }

        var watch = Stopwatch.StartNew();
        var call = new StageCall(prompt, schema, usage);
        var rendered = await StageFunctions.RenderAsync(prompt, _kernels.Default, CallArguments(call, arguments, null, null), cancellationToken).ConfigureAwait(false);
        if (await _cache.GetAsync(owner, _cache.KeyOf(call, rendered), cancellationToken).ConfigureAwait(false) is { } hit
            && TryRead(hit.Content, read, out var cached))
        {
            await _recorder.RecordCacheHitAsync(call, hit, watch.Elapsed).ConfigureAwait(false);
            return (true, cached);
        }

        return (false, default!);
    }

    /// <summary>Starts building the model clients that are built on their first call, on the thread pool, so the coming call finds them ready.</summary>
    public void PrepareModel() => _prepareModel?.Invoke();

    /// <summary>
    /// Starts making, on the thread pool, what the first call of <paramref name="stage"/> needs before its request
    /// goes out: its prompt (parsed, its Handlebars template compiled), its kernel function and the default kernel.
    /// One-shot <c>personalize</c> makes stage 6's on the other core while the store opens and the user model is read.
    /// A failure is not lost: the prompt keeps it and the stage's call throws it, or makes the function again.
    /// </summary>
    /// <returns>The preparation, for tests; callers need not wait for it.</returns>
    public Task PrepareStage(string stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        return _prompts.IsLoaded(stage)
            ? Task.CompletedTask
            : Task.Run(() =>
            {
                _functions.For(_prompts.Get(stage));
                _ = _kernels.Default;
            });
    }

    /// <summary>Throws <see cref="RpmInputException"/> saying how to configure a model when there is none.</summary>
    public void EnsureModelConfigured()
    {
        if (!_modelConfigured())
        {
            throw new RpmInputException(Hosting.ChatClientFactory.MissingModelMessage);
        }
    }

    private async Task<T> RepairLoopAsync<T>(StageCall call, KernelArguments arguments, Func<JsonObject, T> read, CancellationToken cancellationToken)
    {
        var function = _functions.For(call.Prompt);
        var attempts = Math.Max(1, _models.Chat(call.Prompt.Stage).MaxRetries + 1);
        string? lastError = null;
        string? lastContent = null;
        using var scope = call.Enter();
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                RpmTelemetry.Retries.Add(1, new KeyValuePair<string, object?>(RpmTelemetry.RetryKindTag, "repair"));
            }

            call.Attempt = attempt;
            call.AnsweredFromCache = false;
            var result = await _kernels.ForCall().InvokeAsync(function, CallArguments(call, arguments, lastContent, lastError), cancellationToken).ConfigureAwait(false);
            var content = Text(result);
            try
            {
                var value = read(StageOutput.Parse(content));
                if (!call.AnsweredFromCache && call.CacheKey is { } key && _cache is not null)
                {
                    var (context, stage, inputTokens, outputTokens) = (call.Ledger.Context!, call.Prompt.Stage, call.InputTokens, call.OutputTokens);
                    await call.Ledger.Write(() => _cache.SetAsync(context, stage, key, content!, inputTokens, outputTokens)).ConfigureAwait(false);
                }

                return value;
            }
            catch (StageOutputException ex) when (call.AnsweredFromCache)
            {
                // An entry the current validation rejects is stale: ask the model the same request again.
                _logger.LogWarning("Stage {Stage} found a cached reply that is no longer valid ({Error}); asking the model", call.Prompt.Stage, ex.Message);
                call.ReadCache = false;
                attempt--;
            }
            catch (StageOutputException ex)
            {
                lastError = ex.Message;
                lastContent = content;
                _logger.LogWarning("Stage {Stage} returned invalid output on attempt {Attempt} of {Attempts}: {Error}", call.Prompt.Stage, attempt, attempts, ex.Message);
            }
        }

        throw new RpmModelOutputException($"Stage '{call.Prompt.Stage}' returned invalid output after {attempts} attempt(s): {lastError}");
    }

    private static string? Text(FunctionResult result) => result.GetValue<object>() switch
    {
        string text => text,
        ChatResponse response => response.Text,
        _ => result.GetValue<string>(),
    };

    private PromptFile Require(string stage, JsonObject schema, KernelArguments arguments, Delegate read, UsageLedger usage)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(usage);
        return _prompts.Get(stage);
    }

    private KernelArguments CallArguments(StageCall call, KernelArguments arguments, string? lastContent, string? lastError)
    {
        var settings = new PromptExecutionSettings
        {
            ServiceId = StageKernels.ChatClientKey,
            ExtensionData = SettingsOf(call.Prompt),
        };
        var callArguments = new KernelArguments(settings);
        foreach (var (name, value) in arguments)
        {
            callArguments[name] = value;
        }

        callArguments[StageFunctions.PromptVersionArgument] = call.Prompt.Version;
        var mode = _models.Chat(call.Prompt.Stage).StructuredOutput;
        callArguments["output_format"] = OutputFormatInstructions(mode);
        callArguments["output_schema"] = OutputSchema(mode, call.Schema);
        if (lastError is not null)
        {
            // The invalid reply goes back as the assistant's turn, followed by the error, so the model repairs it.
            callArguments["previous_answer"] = lastContent ?? "";
            callArguments["repair"] = $"That reply was invalid: {lastError}. Reply again with one JSON object that fixes this and follows the schema.";
        }

        return callArguments;
    }

    // The prompt's settings are read once per prompt; each call gets its own copy to hand to the kernel.
    private static Dictionary<string, object>? SettingsOf(PromptFile prompt)
    {
        var settings = s_settings.GetValue(prompt, static p => new PromptSettings(p.Settings.Deserialize<Dictionary<string, object>>())).Values;
        return settings is null ? null : new Dictionary<string, object>(settings);
    }

    // The schema names learned factors and survey options, so without a strict schema it is written
    // into the user message (output_schema); the system message only gets the fixed instruction.
    private static string OutputFormatInstructions(StructuredOutputMode mode) => mode == StructuredOutputMode.JsonSchema
        ? "Reply with one JSON object that follows the response schema."
        : "Reply with one JSON object, and nothing else, that follows the JSON schema at the end of the user message.";

    private static string? OutputSchema(StructuredOutputMode mode, JsonObject schema) => mode == StructuredOutputMode.JsonSchema
        ? null
        : "Reply with one JSON object, and nothing else, that follows this JSON schema:\n```json\n" + schema.ToJsonString() + "\n```";

    private sealed record PromptSettings(Dictionary<string, object>? Values);

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
}
