using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Plugin;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Prompts;

/// <summary>A host template that calls RPM's plugin inline, over the in-process OpenAI-compatible server.</summary>
public sealed class TemplatesCallingRpmTests
{
    [Fact]
    public async Task Rpm_Personalize_in_a_template_puts_the_functions_text_into_the_user_message_unescaped()
    {
        await using var host = await RpmTestHost.StartAsync();
        var configuration = HostConfiguration.For(host);
        var kernel = Kernel.CreateBuilder()
            .AddOpenAIChatCompletion("gpt-4o-mini", host.Server.Endpoint, "test-key")
            .AddRpm(configuration)
            .Build();
        await kernel.Services.GetRequiredService<IRpmPipeline>().IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        var personalized = new ResultRecorder();
        kernel.FunctionInvocationFilters.Add(personalized);

        // The host binds the user and task (an RpmScope object, which no model can forge); the template passes only the query.
        await kernel.InvokePromptAsync(
            "<message role=\"system\">Reply in one word.</message>\n<message role=\"user\">This user would answer: {{Rpm-Personalize query=input}}</message>",
            new KernelArguments { [PersonalizationPlugin.ScopeArgument] = new RpmScope("alice", "lamp2"), ["input"] = "A cyborg uprising in a walled city, \"free\" & <loud>." },
            RpmHandlebarsPromptTemplateFactory.Format,
            new RpmHandlebarsPromptTemplateFactory());

        var text = Assert.Single(personalized.Results);
        Assert.False(string.IsNullOrWhiteSpace(text));
        var requests = host.Server.ChatRequests;
        var messages = requests[requests.Count - 1].BodyAsJsonNode()!["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("This user would answer: " + text, ChatRequests.Text(messages[1]!));
    }

    private sealed class ResultRecorder : IFunctionInvocationFilter
    {
        public List<string> Results { get; } = [];

        public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
        {
            await next(context);
            if (context.Function.PluginName == PersonalizationPlugin.PluginName)
            {
                Results.Add(context.Result.GetValue<string>() ?? "");
            }
        }
    }
}
