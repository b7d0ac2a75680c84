using RpmKernel.Core.History;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>One user of an evaluation: the history every method may use, and the target queries to answer.</summary>
/// <param name="Id">The user id.</param>
/// <param name="History">The user's history (LaMP profile, GlobalOpinionQA history questions, JSONL history lines).</param>
/// <param name="Targets">The queries to answer like the user.</param>
public sealed record EvalUser(string Id, IReadOnlyList<HistoryItem> History, IReadOnlyList<EvalTarget> Targets);
