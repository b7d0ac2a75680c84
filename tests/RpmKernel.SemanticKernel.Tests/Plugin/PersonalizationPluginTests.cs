using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Plugin;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Plugin;

public sealed class PersonalizationPluginTests
{
    [Fact]
    public async Task The_plugin_functions_run_through_a_kernel_built_with_AddRpm()
    {
        await using var host = await RpmTestHost.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rpm:Chat:Endpoint"] = host.Server.Endpoint.ToString(),
            ["Rpm:Chat:ApiKey"] = "test-key",
            ["Rpm:Embeddings:Provider"] = "OpenAI",
            ["Rpm:Embeddings:Dimensions"] = "32",
            ["Rpm:Store:Sqlite:Path"] = host.DatabasePath,
            ["Rpm:Retrieval:TopK"] = "2",
        }).Build();
        var kernel = Kernel.CreateBuilder().AddRpm(configuration).Build();
        var history = JsonSerializer.Serialize(SampleHistories.MovieTags(5), RpmJson.Compact);

        var plugin = kernel.Plugins[PersonalizationPlugin.PluginName];
        Assert.Equal(["ExplainUser", "ForgetUser", "IngestHistory", "Personalize"], plugin.Select(f => f.Name).Order());
        Assert.All(plugin, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));

        var ingest = await kernel.InvokeAsync(PersonalizationPlugin.PluginName, "IngestHistory",
            new KernelArguments { ["userId"] = "alice", ["task"] = "lamp2", ["history"] = history });
        using (var doc = JsonDocument.Parse(ingest.GetValue<string>()!))
        {
            Assert.Equal(5, doc.RootElement.GetProperty("items").GetInt32());
            Assert.Equal(0, doc.RootElement.GetProperty("failed").GetArrayLength());
        }

        var personalize = await kernel.InvokeAsync(PersonalizationPlugin.PluginName, "Personalize",
            new KernelArguments { ["userId"] = "alice", ["task"] = "lamp2", ["query"] = "A cyborg uprising in a walled city." });
        using (var doc = JsonDocument.Parse(personalize.GetValue<string>()!))
        {
            var root = doc.RootElement;
            Assert.Contains(root.GetProperty("answer").GetString(), kernel.Services.GetRequiredService<RpmRuntime>().Prompts.GetTask("lamp2").Labels);
            Assert.Equal(2, root.GetProperty("examples").GetArrayLength());
            Assert.True(root.GetProperty("examples")[0].TryGetProperty("itemId", out _));
            Assert.Equal(2, root.GetProperty("usage").GetProperty("calls").GetInt32());
            Assert.Equal("v1", root.GetProperty("promptVersions").GetProperty("generate").GetString());
            Assert.True(root.GetProperty("factors").GetArrayLength() > 0);
        }

        var explain = await kernel.InvokeAsync(PersonalizationPlugin.PluginName, "ExplainUser",
            new KernelArguments { ["userId"] = "alice", ["task"] = "lamp2" });
        using (var doc = JsonDocument.Parse(explain.GetValue<string>()!))
        {
            Assert.Equal("alice", doc.RootElement.GetProperty("userId").GetString());
            Assert.Equal(5, doc.RootElement.GetProperty("itemCount").GetInt32());
        }

        var forget = await kernel.InvokeAsync(PersonalizationPlugin.PluginName, "ForgetUser", new KernelArguments { ["userId"] = "alice" });
        using (var doc = JsonDocument.Parse(forget.GetValue<string>()!))
        {
            Assert.Equal(5, doc.RootElement.GetProperty("records").GetInt32());
            Assert.Equal(1, doc.RootElement.GetProperty("models").GetInt32());
        }
    }

    [Fact]
    public async Task A_malformed_history_argument_is_refused_with_the_expected_shape()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var plugin = new PersonalizationPlugin(runtime.Pipeline);

        var error = await Assert.ThrowsAsync<Core.Errors.RpmInputException>(() => plugin.IngestHistoryAsync("alice", "lamp2", "{not an array"));

        Assert.Contains("JSON array", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
    }
}
