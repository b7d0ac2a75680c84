namespace RpmKernel.SemanticKernel.Stages;

/// <summary>The parsed answer of stage 8 with the model's reasoning.</summary>
/// <param name="Answer">The answer, parsed by the task profile (canonical label, score, option or text).</param>
/// <param name="Reasoning">The model's reasoning in the user's style.</param>
internal sealed record GeneratedAnswer(string Answer, string Reasoning);
