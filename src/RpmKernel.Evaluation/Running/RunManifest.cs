using System.Text.Json;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// What an output folder was made from (task, data files, seed), written on the first run and checked
/// on every rerun: resuming a different run into the same folder would mix its predictions, and with
/// another seed the stored histories could hold the new split's targets.
/// </summary>
internal sealed record RunManifest(string Task, string Questions, string? Outputs, int Seed, string? Models = null)
{
    private const string FileName = "run.json";

    /// <summary>The manifest of a run; <paramref name="chat"/>, when given, pins the model of every stage.</summary>
    public static RunManifest Of(EvalOptions options, RpmChatOptions? chat = null) => new(
        options.Task, Path.GetFullPath(options.Questions), options.Outputs is null ? null : Path.GetFullPath(options.Outputs), options.Seed,
        chat is null ? null : string.Join(", ", StageChatSettings.Describe(chat).Select(m => $"{m.Stage}={m.Model}")));

    /// <summary>Writes the manifest into a new folder, or checks that the folder's manifest is this run's.</summary>
    public void Claim(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, JsonSerializer.Serialize(this, s_json));
            return;
        }

        RunManifest? existing;
        try
        {
            existing = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), s_json);
        }
        catch (JsonException ex)
        {
            throw new RpmInputException($"'{path}' is not a run manifest ({ex.Message}); use another --out folder.", ex);
        }

        // A folder written before the manifest named its models holds no models: it resumes as before.
        if (existing is { Models: null })
        {
            existing = existing with { Models = Models };
        }

        if (existing is not null && existing.Models != Models && existing with { Models = Models } == this)
        {
            throw new RpmInputException(
                $"The folder '{directory}' holds a run answered by other models ({existing.Models}; this run: {Models}); resuming into it would reuse the other models' predictions. Use another --out folder (or --compare-model to compare the models in one run).");
        }

        if (existing != this)
        {
            throw new RpmInputException(
                $"The folder '{directory}' holds another run (task {existing?.Task}, data '{existing?.Questions}', seed {existing?.Seed}); resuming into it would mix the two. Use another --out folder, or delete this one to start over.");
        }
    }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
