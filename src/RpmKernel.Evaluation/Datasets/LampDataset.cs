using System.Runtime.CompilerServices;
using RpmKernel.Core.Errors;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>A LaMP questions file (and optionally its outputs file) as evaluation users: one target per entry.</summary>
public static class LampDataset
{
    /// <summary>Streams the users of <paramref name="questionsPath"/>; golds come from <paramref name="outputsPath"/> when given.</summary>
    public static async IAsyncEnumerable<EvalUser> ReadAsync(
        string task, string questionsPath, string? outputsPath, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var fields = LampTaskFields.For(task);
        Dictionary<string, string>? golds = null;
        if (outputsPath is not null)
        {
            var outputs = await OfficialOutputsFile.ReadAsync(outputsPath, cancellationToken).ConfigureAwait(false);
            golds = outputs.Golds.ToDictionary(g => g.Id, g => g.Output, StringComparer.Ordinal);
        }

        var index = 0;
        await foreach (var entry in LampQuestionsReader.ReadAsync(questionsPath, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            string? gold = null;
            if (golds is not null && !golds.TryGetValue(entry.Id, out gold))
            {
                throw new RpmInputException($"Entry '{entry.Id}' of '{questionsPath}' has no gold in '{outputsPath}'; pass the outputs file of the same split.");
            }

            var history = fields.History(entry, index++, questionsPath);
            yield return new EvalUser(entry.Id, history, [new EvalTarget(entry.Id, entry.Input, gold)]);
        }
    }
}
