using System.Globalization;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Records;

namespace RpmKernel.Samples.InlinePersonalize;

/// <summary>Prints a personalized answer with everything that explains it.</summary>
public static class ProvenanceReport
{
    /// <summary>Writes the answer, reasoning, factors with evidence, retrieved items, prompt versions and tokens.</summary>
    public static async Task WriteAsync(TextWriter output, string query, PersonalizedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(answer);
        await output.WriteLineAsync($"Query:     {query}");
        await output.WriteLineAsync($"Answer:    {answer.Answer}");
        await output.WriteLineAsync($"Reasoning: {answer.Reasoning}");
        await output.WriteLineAsync("Factors (what drives this user's answers, with the evidence behind each):");
        foreach (var factor in answer.Factors)
        {
            await output.WriteLineAsync($"  - {factor.Name}: evidence {factor.Evidence} items, coverage {factor.Coverage.ToString("0.00", CultureInfo.InvariantCulture)}{Leaning(factor)}");
        }

        await output.WriteLineAsync("Retrieved history items (by feature similarity):");
        foreach (var example in answer.Examples)
        {
            await output.WriteLineAsync($"  - {example.ItemId}  score {example.Score.ToString("0.000", CultureInfo.InvariantCulture)}");
        }

        await output.WriteLineAsync($"Prompt versions: {string.Join(", ", answer.PromptVersions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"))}");
        await output.WriteLineAsync($"Tokens: {answer.Usage.Calls} calls, {answer.Usage.InputTokens} input, {answer.Usage.OutputTokens} output");
    }

    private static string Leaning(FactorStatistics factor) =>
        factor.Propensity is { Count: > 0 } propensity
            ? string.Create(CultureInfo.InvariantCulture, $", leans to {propensity.MaxBy(p => p.Value).Key} ({propensity.Values.Max():0.00})")
            : "";
}
