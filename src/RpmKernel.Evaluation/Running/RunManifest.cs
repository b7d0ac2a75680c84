using System.Text.Json;
using RpmKernel.Core.Errors;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// What an output folder was made from (task, data files, seed), written on the first run and checked
/// on every rerun: resuming a different run into the same folder would mix its predictions, and with
/// another seed the stored histories could hold the new split's targets.
/// </summary>
internal sealed record RunManifest(string Task, string Questions, string? Outputs, int Seed)
{
    private const string FileName = "run.json";

    public static RunManifest Of(EvalOptions options) => new(
        options.Task, Path.GetFullPath(options.Questions), options.Outputs is null ? null : Path.GetFullPath(options.Outputs), options.Seed);

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

        if (existing != this)
        {
            throw new RpmInputException(
                $"The folder '{directory}' holds another run (task {existing?.Task}, data '{existing?.Questions}', seed {existing?.Seed}); resuming into it would mix the two. Use another --out folder, or delete this one to start over.");
        }
    }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
