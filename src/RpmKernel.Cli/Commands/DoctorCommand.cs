using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// <c>rpmk doctor</c>: checks the settings, the prompt files, the store, the embedding model and the
/// chat model (one tiny call, no retries), each ok or failed with a fix; exit 1 when any fails.
/// </summary>
internal static class DoctorCommand
{
    private static readonly TimeSpan LongestModelWait = TimeSpan.FromSeconds(20);

    public static Command Create(CliContext context)
    {
        var command = new Command("doctor", "Check the model endpoint (one tiny call), the embedding model, the store and the prompt files; each ok or failed with a fix.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var checks = await RunChecksAsync(context, parseResult, cancellationToken);
            var ok = checks.All(c => c.Ok);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(new { Ok = ok, Checks = checks });
            }
            else
            {
                foreach (var check in checks)
                {
                    context.Stdout.WriteLine($"{(check.Ok ? "ok  " : "FAIL")}  {check.Name,-10}  {check.Detail}");
                    if (check.Fix is { } fix)
                    {
                        context.Stdout.WriteLine($"      {"",-10}  fix: {fix}");
                    }
                }
            }

            return ok ? CliApp.Success : CliApp.RuntimeFailure;
        });
        return command;
    }

    private static async Task<List<DoctorCheck>> RunChecksAsync(CliContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        RpmOptions options;
        try
        {
            options = RpmCliHost.LoadOptions(context, parseResult);
            checks.Add(new("settings", true, "read and valid (see them with `rpmk config`)"));
        }
        catch (RpmInputException ex)
        {
            checks.Add(new("settings", false, ex.Message, "Fix the setting named; `rpmk config` shows where each value comes from."));
            return checks;
        }

        var prompts = CheckPrompts(options);
        checks.Add(prompts);
        if (!prompts.Ok)
        {
            checks.Add(new("store", false, "not checked: the prompts must load first", "Fix the prompts check above."));
            return checks;
        }

        RpmRuntime runtime;
        try
        {
            runtime = context.OpenRuntime(parseResult);
        }
        catch (RpmInputException ex)
        {
            checks.Add(new("runtime", false, ex.Message, "Fix the setting named, then run `rpmk doctor` again."));
            return checks;
        }

        using (runtime)
        {
            checks.Add(await Try("store", context.Store!.Description, "Check Rpm:Store (the folder must be writable; a Qdrant server must be running).", async () =>
            {
                await runtime.Storage.EnsureReadyAsync(cancellationToken);
                return $"{context.Store.Description} ({context.Store.Reason})";
            }));
            checks.Add(await Try("embeddings", "", "Check Rpm:Embeddings (Provider Local needs no network; OpenAI needs the endpoint and key).", async () =>
            {
                var vector = await runtime.Embeddings.GenerateVectorAsync("rpmk doctor", cancellationToken: cancellationToken);
                return string.Create(CultureInfo.InvariantCulture, $"{options.Embeddings.Provider} embeddings answered ({vector.Length} dimensions)");
            }));
        }

        checks.Add(await CheckModelAsync(options.Chat, cancellationToken));
        return checks;
    }

    private static DoctorCheck CheckPrompts(RpmOptions options)
    {
        try
        {
            var library = PromptLibrary.Load(options.Prompts);
            var active = library.ActiveVersions.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
            foreach (var (stage, version) in active)
            {
                _ = library.Get(stage, version);
            }

            var where = library.Directory is null ? "bundled" : $"bundled, with {library.Directory} on top";
            return new("prompts", true, $"{where}; active {string.Join(", ", active.Select(kv => $"{kv.Key} {kv.Value}"))}");
        }
        catch (RpmInputException ex)
        {
            return new("prompts", false, ex.Message, "Fix the prompt file named, or select another version with --prompt STAGE=VERSION.");
        }
    }

    private static async Task<DoctorCheck> CheckModelAsync(RpmChatOptions configured, CancellationToken cancellationToken)
    {
        if (!ChatClientFactory.IsConfigured(configured))
        {
            return new("model", false, "no model is configured", "Set OPENAI_API_KEY to use OpenAI, or Rpm__Chat__Endpoint (for example http://localhost:11434/v1) and Rpm__Chat__Model for an OpenAI-compatible server.");
        }

        // One attempt, bounded: the doctor reports a failure, it does not wait out the retry policy.
        var chat = new RpmChatOptions
        {
            Provider = configured.Provider,
            Endpoint = configured.Endpoint,
            Model = configured.Model,
            ApiKey = configured.ApiKey,
            StructuredOutput = configured.StructuredOutput,
            MaxRetries = 0,
            Timeout = configured.Timeout < LongestModelWait ? configured.Timeout : LongestModelWait,
        };
        var where = $"{chat.Model} at {chat.Endpoint?.ToString() ?? "api.openai.com"}";
        return await Try("model", where, "Check Rpm:Chat:Endpoint (the base URL, usually ending in /v1), Rpm:Chat:Model (a model the server has) and the API key; `rpmk config` shows them.", async () =>
        {
            using var http = ModelHttpClientFactory.Create(chat, loggerFactory: null);
            using var client = ChatClientFactory.FromOptions(chat, http, loggerFactory: null);
            var response = await client.GetResponseAsync("Reply with the single word: ok", new ChatOptions { MaxOutputTokens = 5 }, cancellationToken);
            return $"{where} answered ({response.Usage?.TotalTokenCount ?? 0} tokens)";
        });
    }

    private static async Task<DoctorCheck> Try(string name, string what, string fix, Func<Task<string>> check)
    {
        try
        {
            return new(name, true, await check());
        }
#pragma warning disable CA1031 // Every failure of a check is reported as that check's result; the doctor goes on to the next.
        catch (Exception ex) when (ex is not OperationCanceledException || ex is TaskCanceledException)
#pragma warning restore CA1031
        {
            var said = ServerErrorText.Of(ex) is { } text && !ex.Message.Contains(text, StringComparison.Ordinal) ? $" The server said: {text}" : "";
            var detail = string.IsNullOrEmpty(what) ? "" : what + ": ";
            return new(name, false, $"{detail}{CliErrors.OneLine(ex.Message)}{said}", fix);
        }
    }
}
