using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using Rpm.Core.Errors;
using Rpm.SemanticKernel.Hosting;
using Rpm.SemanticKernel.Options;
using Rpm.SemanticKernel.Prompts;

namespace Rpm.SemanticKernel.Stages;

/// <summary>
/// Calls a stage's prompt function with its output schema, validates the reply, and feeds any
/// validation error back to the model until the reply is valid or the retries are spent. Bounds
/// the calls in flight and records every call's tokens.
/// </summary>
public sealed class StageInvoker : IDisposable
{
    private readonly Kernel _kernel;
    private readonly PromptLibrary _prompts;
    private readonly RpmChatOptions _chat;
    private readonly SemaphoreSlim _inFlight;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, KernelFunction> _functions = new(StringComparer.Ordinal);
    private readonly HandlebarsPromptTemplateFactory _templates = new();

    /// <summary>Creates the invoker over a kernel whose chat service is the RPM model.</summary>
    public StageInvoker(Kernel kernel, PromptLibrary prompts, RpmChatOptions chat, ILogger<StageInvoker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(chat);
        _kernel = kernel;
        _prompts = prompts;
        _chat = chat;
        _inFlight = new SemaphoreSlim(Math.Max(1, chat.MaxConcurrency));
        _logger = logger ?? NullLogger<StageInvoker>.Instance;
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
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(usage);
        EnsureModelConfigured();
        var prompt = _prompts.Get(stage);
        var function = _functions.GetOrAdd(stage, _ => KernelFunctionFactory.CreateFromPrompt(prompt.Config, _templates));
        var attempts = Math.Max(1, _chat.MaxRetries + 1);
        string? lastError = null;
        string? lastContent = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var callArguments = new KernelArguments(CreateSettings(prompt, schema));
            foreach (var (name, value) in arguments)
            {
                callArguments[name] = value;
            }

            callArguments["output_format"] = OutputFormatInstructions(schema);
            if (lastError is not null)
            {
                // The invalid reply goes back as the assistant's turn, followed by the error, so the model repairs it.
                callArguments["previous_answer"] = lastContent ?? "";
                callArguments["repair"] = $"That reply was invalid: {lastError}. Reply again with one JSON object that fixes this and follows the schema.";
            }

            string? content;
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await _kernel.InvokeAsync(function, callArguments, cancellationToken).ConfigureAwait(false);
                content = result.GetValue<string>();
                RecordUsage(stage, result, usage);
            }
            finally
            {
                _inFlight.Release();
            }

            try
            {
                return read(StageOutput.Parse(content));
            }
            catch (StageOutputException ex)
            {
                lastError = ex.Message;
                lastContent = content;
                _logger.LogWarning("Stage {Stage} returned invalid output on attempt {Attempt} of {Attempts}: {Error}", stage, attempt, attempts, ex.Message);
            }
        }

        throw new RpmModelOutputException($"Stage '{stage}' returned invalid output after {attempts} attempt(s): {lastError}");
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

    private string OutputFormatInstructions(JsonObject schema) => _chat.StructuredOutput == StructuredOutputMode.JsonSchema
        ? "Reply with one JSON object that follows the response schema."
        : "Reply with one JSON object, and nothing else, that follows this JSON schema:\n```json\n" + schema.ToJsonString() + "\n```";

    private static void RecordUsage(string stage, FunctionResult result, UsageLedger usage)
    {
        long input = 0, output = 0;
        if (result.Metadata is { } metadata && metadata.TryGetValue("Usage", out var value) && value is ChatTokenUsage tokens)
        {
            input = tokens.InputTokenCount;
            output = tokens.OutputTokenCount;
        }

        usage.Record(stage, input, output);
    }
}
