using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Prompt tokens to ingest a 40-item user at batch size 8 vs 1. The fake server's usage counts
/// words, so the prompts it recorded are counted again with the o200k_base tokenizer (gpt-4o,
/// gpt-4o-mini), which is what OpenAI bills.
/// </summary>
internal sealed class PromptTokenBenchmark : IBenchmark
{
    private const int Items = 40;
    private const double MinSaving = 0.5;

    // OpenAI's documented framing of a chat request: per message, and once for the reply.
    private const int TokensPerMessage = 3;
    private const int TokensPerReply = 3;

    public string Name => "tokens";

    public string Description => $"prompt tokens to ingest a {Items}-item user, Ingest:BatchSize 8 vs 1 (o200k_base)";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o-mini");
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var batched = await MeasureAsync(host, tokenizer, batchSize: 8, cancellationToken);
        var single = await MeasureAsync(host, tokenizer, batchSize: 1, cancellationToken);
        var saving = 1 - ((double)batched.Messages / single.Messages);
        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"batch 8 uses ≥ {MinSaving:P0} fewer prompt tokens than batch 1"),
            string.Create(CultureInfo.InvariantCulture, $"{batched.Messages:N0} vs {single.Messages:N0} tokens: {saving:P1} fewer"),
            saving >= MinSaving,
            [
                $"batch 8: {batched.Calls} calls, {batched.Messages:N0} message tokens, {batched.Schema:N0} more in response schemas, server word count {batched.Reported:N0}",
                $"batch 1: {single.Calls} calls, {single.Messages:N0} message tokens, {single.Schema:N0} more in response schemas, server word count {single.Reported:N0}",
                string.Create(CultureInfo.InvariantCulture, $"with schemas counted too: {1 - ((double)(batched.Messages + batched.Schema) / (single.Messages + single.Schema)):P1} fewer"),
            ]);
    }

    private static async Task<TokenCount> MeasureAsync(BenchHost host, Tokenizer tokenizer, int batchSize, CancellationToken cancellationToken)
    {
        var runtime = host.Runtime(o => o.Ingest.BatchSize = batchSize);
        host.Server.ClearRequests();
        var result = await runtime.Pipeline.IngestAsync("u40", "lamp2", SyntheticHistory.Items(Items, seed: 40), cancellationToken: cancellationToken);
        if (result.Items != Items)
        {
            throw new InvalidOperationException($"Ingest at batch size {batchSize} stored {result.Items} of {Items} items.");
        }

        long messages = 0, schema = 0;
        var requests = host.Server.ChatRequests;
        foreach (var request in requests)
        {
            var body = request.BodyAsJsonNode()!;
            messages += TokensPerReply;
            foreach (var message in body["messages"]!.AsArray())
            {
                messages += TokensPerMessage + tokenizer.CountTokens(Text(message!["content"]));
            }

            if (body["response_format"] is { } format)
            {
                schema += tokenizer.CountTokens(format.ToJsonString());
            }
        }

        return new TokenCount(requests.Count, messages, schema, result.Usage.InputTokens);
    }

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };

    private sealed record TokenCount(int Calls, long Messages, long Schema, long Reported);
}
