using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using RpmKernel.Core.Features;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Target-feature replies that differ per query (three features of about twenty words, as a real
/// model's), so no call's feature text is answered from the embedding cache; the feature texts are
/// kept so the floor embeds exactly the same texts.
/// </summary>
internal sealed class TargetFeatureReplies
{
    private static readonly string[] s_factors = ["genre preference", "tone", "setting"];

    public ConcurrentQueue<string> FeatureTexts { get; } = new();

    public string? Answer(RecordedRequest request)
    {
        if (request.SchemaName() != "target_features")
        {
            return null;
        }

        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body))));
        var features = s_factors.Select(f => new Feature($"{f} cue", SyntheticHistory.Description(random), "other")).ToList();
        FeatureTexts.Enqueue(FeatureText.Compose(features));
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            features = features.Select(f => new { name = f.Name, context = f.Context, factor = f.Factor }),
        });
    }
}
