using System.Text.Json;
using Microsoft.Extensions.Configuration;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Samples;

/// <summary>The sample user: samples/data/demo-user.jsonl, twelve movies tagged the LaMP-2 way by a user drawn to dark and dystopian films.</summary>
public static class DemoUser
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The user id the samples store the demo history under.</summary>
    public const string UserId = "demo";

    /// <summary>The task profile of the demo history.</summary>
    public const string Task = "lamp2";

    /// <summary>A new movie to tag like the demo user, when no query is given.</summary>
    public const string DefaultQuery =
        "In a city where every citizen's memories are audited each night, a night-shift archivist starts hiding the memories of strangers.";

    /// <summary>The history file, copied next to every sample's binary.</summary>
    public static string HistoryPath => Path.Combine(AppContext.BaseDirectory, "samples", "data", "demo-user.jsonl");

    /// <summary>The query to answer: the <c>Query</c> setting (the sample's command-line words) or <see cref="DefaultQuery"/>.</summary>
    public static string Query(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var query = configuration[SampleConfiguration.QueryKey];
        return string.IsNullOrWhiteSpace(query) ? DefaultQuery : query;
    }

    /// <summary>What the user asks the assistant in the tool-calling samples: how they would tag the query.</summary>
    public static string Question(IConfiguration configuration) =>
        $"Which tag would I give this movie? {Query(configuration)}";

    /// <summary>The assistant's instructions in the tool-calling samples, naming the Personalize tool as that model sees it.</summary>
    public static string AssistantInstructions(string personalizeTool) =>
        "You are a movie-night assistant. When the user asks how they would tag, rate or judge something, do not guess: "
        + $"call the {personalizeTool} tool with the full description, "
        + "then reply with the tag it returns and one sentence on why.";

    /// <summary>Reads the demo history (one <c>{"id", "query", "answer", "timestamp"}</c> per line).</summary>
    public static IReadOnlyList<HistoryItem> LoadHistory()
    {
        if (!File.Exists(HistoryPath))
        {
            throw new RpmInputException($"The demo history '{HistoryPath}' is missing; build the sample so samples/data is copied next to it.");
        }

        return File.ReadLines(HistoryPath)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<HistoryItem>(line, Web)
                ?? throw new RpmInputException($"A line of '{HistoryPath}' is not a history item: {line}"))
            .ToList();
    }

    /// <summary>Ingests the demo history unless the store already holds the demo user's model (so a rerun costs no tokens).</summary>
    public static async Task EnsureIngestedAsync(IRpmPipeline pipeline, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var model = await pipeline.ExplainAsync(UserId, Task, cancellationToken);
            await output.WriteLineAsync($"The store already knows user '{UserId}' ({model.ItemCount} items, {model.Factors.Count} factors); skipping ingest.");
            return;
        }
        catch (RpmInputException)
        {
            // No model stored yet for the demo user: ingest below.
        }

        var history = LoadHistory();
        await output.WriteLineAsync($"Ingesting {history.Count} history items of user '{UserId}' ({Task}) from {HistoryPath} ...");
        var result = await pipeline.IngestAsync(UserId, Task, history, cancellationToken: cancellationToken);
        await output.WriteLineAsync(
            $"Stored {result.Items} records, {result.Model?.Factors.Count ?? 0} factors; {result.Failed.Count} failed; {result.Usage.Calls} calls, {result.Usage.InputTokens} input and {result.Usage.OutputTokens} output tokens.");
        if (result.Failed.Count > 0)
        {
            throw new RpmModelOutputException($"{result.Failed.Count} demo items failed to ingest, first: {result.Failed[0].ItemId} at {result.Failed[0].Stage}: {result.Failed[0].Error}");
        }
    }
}
