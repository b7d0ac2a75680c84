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
                string.Create(CultureInfo.InvariantCulture, $"prompt-cache reads at OpenAI's rule (a shared beginning of ≥ 1,024 o200k tokens, in steps of 128): batch 8 {batched.Cached:N0} of {batched.Messages + batched.Schema:N0} = {Share(batched.Cached, batched.Messages + batched.Schema):P1}; batch 1 {single.Cached:N0} of {single.Messages + single.Schema:N0} = {Share(single.Cached, single.Messages + single.Schema):P1}"),
                $"longest beginning a prompt shares with an earlier one, per stage (tokens of the prompt): batch 8: {batched.LongestSharedPerStage}",
                string.Create(CultureInfo.InvariantCulture, $"prompt-cache reads the fake server reported (words): batch 8 {batched.ServerCached:N0} of {batched.Reported:N0} = {Share(batched.ServerCached, batched.Reported):P1}; batch 1 {single.ServerCached:N0} of {single.Reported:N0} = {Share(single.ServerCached, single.Reported):P1}"),
            ]);
    }

    private static async Task<TokenCount> MeasureAsync(BenchHost host, Tokenizer tokenizer, int batchSize, CancellationToken cancellationToken)
    {
        var runtime = host.Runtime(o => o.Ingest.BatchSize = batchSize);
        host.Server.ClearRequests();
        var serverCachedBefore = host.Server.CachedPromptTokens;
        var result = await runtime.Pipeline.IngestAsync("u40", "lamp2", SyntheticHistory.Items(Items, seed: 40), cancellationToken: cancellationToken);
        if (result.Items != Items)
        {
            throw new InvalidOperationException($"Ingest at batch size {batchSize} stored {result.Items} of {Items} items.");
        }

        long messages = 0, schema = 0, cached = 0;
        var requests = host.Server.ChatRequests;
        var seen = new List<int[]>();
        var longest = new Dictionary<string, (int Shared, int Length)>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var body = request.BodyAsJsonNode()!;
            messages += TokensPerReply;
            var prompt = new List<int>();
            if (body["response_format"] is { } format)
            {
                var ids = tokenizer.EncodeToIds(format.ToJsonString());
                schema += ids.Count;
                prompt.AddRange(ids);
            }

            foreach (var message in body["messages"]!.AsArray())
            {
                var ids = tokenizer.EncodeToIds(Text(message!["content"]));
                messages += TokensPerMessage + ids.Count;
                prompt.AddRange(tokenizer.EncodeToIds((string?)message["role"] ?? ""));
                prompt.AddRange(ids);
            }

            var tokens = prompt.ToArray();
            var shared = SharedBeginning(tokens, seen);
            cached += shared < 1024 ? 0 : 1024 + ((shared - 1024) / 128 * 128);
            var stage = (string?)body["response_format"]?["json_schema"]?["name"] ?? "text";
            longest[stage] = longest.TryGetValue(stage, out var before) && before.Shared >= shared ? before : (shared, tokens.Length);
            seen.Add(tokens);
        }

        var stages = string.Join("; ", longest.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value.Shared:N0} of {kv.Value.Length:N0}")));
        return new TokenCount(requests.Count, messages, schema, result.Usage.InputTokens, cached, host.Server.CachedPromptTokens - serverCachedBefore, stages);
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    // OpenAI caches the longest beginning shared with an earlier prompt, from 1,024 tokens in steps of 128.
    private static int SharedBeginning(int[] prompt, List<int[]> earlier)
    {
        var shared = 0;
        foreach (var other in earlier)
        {
            var n = 0;
            while (n < prompt.Length && n < other.Length && prompt[n] == other[n])
            {
                n++;
            }

            shared = Math.Max(shared, n);
        }

        return shared;
    }

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };

    private sealed record TokenCount(int Calls, long Messages, long Schema, long Reported, long Cached, long ServerCached, string LongestSharedPerStage);
}
