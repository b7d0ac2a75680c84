using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Plugin;
using RpmKernel.SemanticKernel.Tests.Support;
using FunctionInvocationContext = Microsoft.SemanticKernel.FunctionInvocationContext;

namespace RpmKernel.SemanticKernel.Tests.Composition;

/// <summary>The host's Semantic Kernel filters see every stage call RPM makes, with its prompt version and rendered prompt.</summary>
public sealed class HostFiltersTests
{
    [Fact]
    public async Task Filters_registered_by_the_host_see_each_stage_call_and_each_rendered_prompt_whether_RPM_is_called_directly_or_as_a_plugin()
    {
        var invocations = new InvocationRecorder();
        var renders = new RenderRecorder();
        var builder = Kernel.CreateBuilder();
        builder.Services
            .AddSingleton<IChatClient>(new SchemaChatClient())
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new RandomEmbeddingGenerator(16))
            .AddSingleton<IFunctionInvocationFilter>(invocations)
            .AddSingleton<IPromptRenderFilter>(renders);
        builder.AddRpm(HostServicesTests.Configuration());
        var kernel = builder.Build();

        // Directly through the pipeline: the stage calls run on a kernel over the host's services.
        await kernel.Services.GetRequiredService<IRpmPipeline>().IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        Assert.Equal(
            ["RpmStages.extract_features@v1", "RpmStages.cluster_factors@v1", "RpmStages.compute_factor_statistics@", "RpmStages.construct_reasoning@v1"],
            invocations.Seen);
        invocations.Seen.Clear();

        // As a plugin through the host's kernel; a filter added to this kernel instance only sees the stage calls too.
        var local = new InvocationRecorder();
        kernel.FunctionInvocationFilters.Add(local);
        await kernel.InvokeAsync(PersonalizationPlugin.PluginName, "Personalize", new KernelArguments
        {
            [PersonalizationPlugin.ScopeArgument] = new RpmScope("alice", "lamp2"),
            ["query"] = "A lighthouse keeper hears voices in the fog.",
        });

        var expected = new[] { "Rpm.Personalize@", "RpmStages.extract_target_features@v1", "RpmStages.retrieve_examples@", "RpmStages.generate@v1" };
        Assert.Equal(expected, invocations.Seen);
        Assert.Equal(expected, local.Seen);
        var generate = Assert.Single(renders.Seen, r => r.Function == "generate");
        Assert.Contains("A lighthouse keeper hears voices in the fog.", generate.Prompt, StringComparison.Ordinal);
        Assert.Equal(5, renders.Seen.Count); // three ingest stages, then two online ones
    }

    private sealed class InvocationRecorder : IFunctionInvocationFilter
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
        {
            var version = context.Arguments.TryGetValue("prompt_version", out var v) ? v as string : null;
            Seen.Enqueue($"{context.Function.PluginName}.{context.Function.Name}@{version}");
            await next(context);
        }
    }

    private sealed class RenderRecorder : IPromptRenderFilter
    {
        public ConcurrentQueue<(string Function, string Prompt)> Seen { get; } = new();

        public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
        {
            await next(context);
            Seen.Enqueue((context.Function.Name, context.RenderedPrompt ?? ""));
        }
    }
}
