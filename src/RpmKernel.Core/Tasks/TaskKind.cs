namespace RpmKernel.Core.Tasks;

/// <summary>How a task's answers look, which decides the statistics and the answer parsing.</summary>
public enum TaskKind
{
    /// <summary>The answer is one label from a fixed list (LaMP-2 movie tags).</summary>
    Classification,

    /// <summary>The answer is an integer score in a range (LaMP-3 ratings 1–5).</summary>
    Rating,

    /// <summary>The answer is one of the options listed in each question (GlobalOpinionQA).</summary>
    Opinion,

    /// <summary>The answer is free text (LaMP-5 paper titles).</summary>
    Generation,
}
