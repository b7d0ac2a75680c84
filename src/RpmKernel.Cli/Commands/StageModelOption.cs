using RpmKernel.Core.Errors;

namespace RpmKernel.Cli.Commands;

/// <summary>The value of a model option (<c>--ingest-model</c>, <c>--serve-model</c>): null when not given, an input error when blank.</summary>
internal static class StageModelOption
{
    public static string? Value(string? model, string option) => model switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(model) => throw new RpmInputException($"{option} is empty; give a chat model id such as gpt-4o-mini, or leave the option out."),
        _ => model.Trim(),
    };
}
