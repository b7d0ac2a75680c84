using RpmKernel.Core.Tasks;

namespace RpmKernel.Evaluation.Metrics;

/// <summary>The official metrics of a task, chosen by its kind: labels → accuracy and macro-F1, scores → MAE and RMSE, text → ROUGE-1 and ROUGE-L, opinions → accuracy.</summary>
public static class TaskMetrics
{
    /// <summary>Computes the task's metrics over aligned golds and predictions.</summary>
    public static IReadOnlyList<MetricScore> Compute(TaskProfile task, IReadOnlyList<string> golds, IReadOnlyList<string> predictions)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind switch
        {
            TaskKind.Classification => LampMetrics.Classification(golds, predictions, task.Labels),
            TaskKind.Rating => LampMetrics.Rating(golds, predictions),
            TaskKind.Generation => LampMetrics.Generation(golds, predictions),
            _ => LampMetrics.Accuracy(golds, predictions),
        };
    }

    /// <summary>The metric names of a task, in report order.</summary>
    public static IReadOnlyList<string> Names(TaskProfile task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind switch
        {
            TaskKind.Classification => ["accuracy", "f1"],
            TaskKind.Rating => ["mae", "rmse"],
            TaskKind.Generation => ["rouge-1", "rouge-L"],
            _ => ["accuracy"],
        };
    }
}
