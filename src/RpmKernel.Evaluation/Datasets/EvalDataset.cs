using RpmKernel.Core.Errors;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>Picks the reader by file type: <c>.csv</c> GlobalOpinionQA, <c>.jsonl</c> the user's own data, anything else a LaMP questions file.</summary>
public static class EvalDataset
{
    /// <summary>Streams the users of <paramref name="questionsPath"/> for <paramref name="task"/>.</summary>
    public static IAsyncEnumerable<EvalUser> ReadAsync(string task, string questionsPath, string? outputsPath, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(questionsPath);
        var extension = Path.GetExtension(questionsPath).ToLowerInvariant();
        if (extension is ".csv" or ".jsonl" && outputsPath is not null)
        {
            throw new RpmInputException($"--outputs is for LaMP questions files; '{questionsPath}' holds its own answers, so leave --outputs out.");
        }

        return extension switch
        {
            ".csv" => GoqaDataset.ReadAsync(questionsPath, seed, cancellationToken),
            ".jsonl" => JsonlDataset.ReadAsync(questionsPath, seed, cancellationToken),
            _ => LampDataset.ReadAsync(task, questionsPath, outputsPath, cancellationToken),
        };
    }
}
