using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Evaluation.Comparing;

/// <summary>
/// What a variant's ingest depends on: the effective settings of the offline stages (1 feature
/// extraction, 2 factor clustering, 4 reasoning paths) and of the embeddings. Variants with the same
/// fingerprint share one ingest (one store, one ingest journal); a variant that only changes an online
/// prompt (stage 6 or 8, a baseline) or an online setting has the fingerprint of its base.
/// </summary>
internal static class IngestFingerprint
{
    /// <summary>A short hex digest of the ingest settings of <paramref name="options"/> (the variant already applied).</summary>
    public static string Of(RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new StringBuilder();
        void Add(string key, object? value) => settings.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');

        // The effective chat settings of each offline stage: Rpm:Chat:Stages:<stage>, then
        // Rpm:Chat:IngestModel, then Rpm:Chat:*. A serve-model change leaves these alone.
        foreach (var stage in StageChatSettings.IngestStages)
        {
            var chat = StageChatSettings.For(options.Chat, stage);
            Add(stage + ":model", chat.Model);
            Add(stage + ":provider", chat.Provider);
            Add(stage + ":endpoint", chat.Endpoint);
            Add(stage + ":structured-output", chat.StructuredOutput);
            Add(stage, options.Prompts.Versions.TryGetValue(stage, out var version) ? version : PromptLibrary.DefaultVersion);
        }

        Add("prompts", options.Prompts.Directory);
        Add("batch-size", options.Ingest.BatchSize);
        Add("cluster-chunk", options.Ingest.ClusterChunkSize);
        Add("max-factors", options.Ingest.MaxFactors);
        Add("embeddings", $"{options.Embeddings.Provider}/{options.Embeddings.Model}/{options.Embeddings.Dimensions}/{options.Embeddings.Endpoint}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings.ToString())))[..12];
    }
}
