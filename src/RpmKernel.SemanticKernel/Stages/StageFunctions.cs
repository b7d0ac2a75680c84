using System.Collections.Concurrent;
using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// The prompt stages as kernel functions of the plugin <see cref="PluginName"/>, one per stage and
/// prompt version (named after the prompt's <c>name</c>, such as <c>extract_features</c>), so a
/// host's filters and traces can tell them apart; their execution settings name RPM's chat client.
/// </summary>
internal sealed class StageFunctions
{
    /// <summary>The plugin name of every stage function.</summary>
    public const string PluginName = "RpmStages";

    /// <summary>The kernel argument that carries the prompt version of a stage call.</summary>
    public const string PromptVersionArgument = "prompt_version";

    private readonly ConcurrentDictionary<(string Stage, string Version), KernelFunction> _functions = new();

    /// <summary>True when <paramref name="function"/> is an RPM stage.</summary>
    public static bool IsStage(KernelFunction function) =>
        string.Equals(function.PluginName, PluginName, StringComparison.Ordinal);

    /// <summary>The function of <paramref name="prompt"/>, over the template compiled when the prompt was checked.</summary>
    public KernelFunction For(PromptFile prompt) =>
        _functions.GetOrAdd((prompt.Stage, prompt.Version), _ =>
            KernelFunctionFactory.CreateFromPrompt(prompt.Config, new CompiledPromptTemplateFactory(prompt.Template)).Clone(PluginName));

    /// <summary>Renders <paramref name="prompt"/> as the stage function would, without invoking anything.</summary>
    public static Task<string> RenderAsync(PromptFile prompt, Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken) =>
        prompt.Template.RenderAsync(kernel, arguments, cancellationToken);
}
